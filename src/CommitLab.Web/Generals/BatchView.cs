using System.Collections.Immutable;
using System.Globalization;
using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Web.Generals;

/// <summary>A batch result shaped for the page: chart lines, table rows, and the sentence that sums it up.</summary>
public sealed record BatchView(
    ImmutableArray<int> EmailCounts,
    ImmutableArray<BatchSeries> Series,
    ImmutableArray<BatchRow> Rows,
    int Trials,
    bool AllAboveZero,
    string Headline,
    string Explanation)
{
    public static BatchView From(BatchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plan = result.Plan;
        var series = plan.EmailCounts
            .Select(k => new BatchSeries(k, k == 1 ? "1 email" : $"{k} emails",
                plan.LossRates.Select(loss => Point(result.Cell(k, loss))).ToArray()))
            .ToImmutableArray();
        var rows = plan.LossRates
            .Select(loss => new BatchRow(
                Percent(loss, "0"),
                [.. plan.EmailCounts.Select(k => Rate(result.Cell(k, loss)))],
                [.. plan.EmailCounts.Select(k => result.Cell(k, loss).Disagreements)],
                [.. plan.EmailCounts.Select(k => (result.Cell(k, loss).MetOutsideRate * 100).ToString("0.0", CultureInfo.InvariantCulture))]))
            .ToImmutableArray();
        var allAboveZero = result.Cells.All(c => c.Disagreements > 0);
        var (headline, explanation) = Summarise(result, allAboveZero);
        return new BatchView(plan.EmailCounts, series, rows, plan.Trials, allAboveZero, headline, explanation);
    }

    /// <summary>
    /// A cell's rate in percent with one decimal and no % sign (the table says "in percent" once, so
    /// seven columns fit a phone), except that a rate too small to show is written "&lt;0.1": rounding
    /// it to "0.0" would claim the very thing the page argues is never true.
    /// </summary>
    public static string Rate(BatchCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Disagreements > 0 && cell.Rate < 0.0005 ? "<0.1" : (cell.Rate * 100).ToString("0.0", CultureInfo.InvariantCulture);
    }

    private static RatePoint Point(BatchCell cell) =>
        new(Math.Round(cell.Loss * 100, 2), Math.Round(cell.Rate * 100, 3), Math.Round(cell.MetOutsideRate * 100, 3));

    public static string Percent(double fraction, string format) =>
        (fraction * 100).ToString(format, CultureInfo.InvariantCulture) + "%";

    private static (string Headline, string Explanation) Summarise(BatchResult result, bool allAboveZero)
    {
        var lowest = result.Cells.MinBy(c => c.Rate)!;
        var where = $"{Plural(lowest.Emails)} at {Percent(lowest.Loss, "0")} loss";
        const string why =
            "More emails make a split rarer but never impossible: losing exactly the last email, after all the others arrived, " +
            "still sends its writer outside and leaves its reader in the cafeteria, with chance loss × (1 − loss)^(k − 1). " +
            "No finite number of acknowledgements creates common knowledge, because whoever writes the last email never learns whether it arrived. " +
            "Read the second chart too: where the loss rate is high, a long protocol rarely splits them only because it rarely gets them outside at all, " +
            "since both eat outside only when all k emails arrive, with chance (1 − loss)^k.";
        return allAboveZero
            ? ($"Every one of the {result.Cells.Length} disagreement rates is above zero; the lowest is {Rate(lowest)}%, for {where}.", why)
            : ($"Some cells saw no disagreement at all (for example {where}), but only because the rare split did not come up in so few trials.", why);
    }

    private static string Plural(int emails) => emails == 1 ? "1 email" : $"{emails} emails";
}
