using System.Collections.Immutable;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>Every cell of a batch, email count by email count, loss rate by loss rate (the plan's order).</summary>
public sealed record BatchResult(BatchPlan Plan, ImmutableArray<BatchCell> Cells)
{
    public BatchCell Cell(int emails, double loss) =>
        Cells.FirstOrDefault(c => c.Emails == emails && c.Loss.Equals(loss))
        ?? throw new ArgumentException($"the batch has no cell for {emails} emails at loss {loss}", nameof(emails));

    /// <summary>The lowest measured disagreement rate in the grid.</summary>
    public double MinRate => Cells.Min(c => c.Rate);
}
