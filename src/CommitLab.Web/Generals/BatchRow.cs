using System.Collections.Immutable;

namespace CommitLab.Web.Generals;

/// <summary>One row of the batch table: a loss rate and the disagreement rate it gave for each protocol length.</summary>
/// <param name="Rates">Formatted percentages, one per email count, in the grid's order.</param>
/// <param name="Disagreements">The raw counts behind <paramref name="Rates"/>, for the page's data attributes.</param>
/// <param name="MetOutside">Formatted percentages of lunches where both ate outside, one per email count.</param>
public sealed record BatchRow(string Loss, ImmutableArray<string> Rates, ImmutableArray<int> Disagreements, ImmutableArray<string> MetOutside);
