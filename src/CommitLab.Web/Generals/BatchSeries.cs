namespace CommitLab.Web.Generals;

/// <summary>One chart line: the disagreement rate against the loss rate for one protocol length.</summary>
/// <param name="Points">
/// A plain array: the charts and tables read it in order, and tests compare it directly.
/// </param>
public sealed record BatchSeries(int Emails, string Title, IReadOnlyList<RatePoint> Points);
