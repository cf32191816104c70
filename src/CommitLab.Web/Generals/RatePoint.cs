namespace CommitLab.Web.Generals;

/// <summary>One point of a batch chart line, every number in percent.</summary>
public sealed record RatePoint(double LossPercent, double DisagreementPercent, double MetOutsidePercent);
