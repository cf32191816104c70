namespace CommitLab.Web.Generals;

/// <summary>One point of a batch chart line, both numbers in percent.</summary>
public sealed record RatePoint(double LossPercent, double DisagreementPercent);
