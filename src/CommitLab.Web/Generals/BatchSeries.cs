namespace CommitLab.Web.Generals;

/// <summary>One chart line: the disagreement rate against the loss rate for one protocol length.</summary>
/// <param name="Points">
/// A plain array on purpose: Radzen's series query their data through IQueryable, which cannot take
/// an ImmutableArray (a struct) as its source.
/// </param>
public sealed record BatchSeries(int Emails, string Title, IReadOnlyList<RatePoint> Points);
