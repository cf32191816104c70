using System.Collections.Immutable;
using System.Globalization;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>A grid of protocol lengths and loss rates, and how many seeded trials to run in each cell.</summary>
public sealed record BatchPlan(ImmutableArray<int> EmailCounts, ImmutableArray<double> LossRates, int Trials, ulong Seed)
{
    /// <summary>
    /// The page's grid: 1 to 6 emails against loss rates 5% to 50%. 20,000 trials per cell is enough
    /// for every cell to show disagreements: the rarest cell (6 emails, 50% loss) expects about 312.
    /// </summary>
    public static BatchPlan Default { get; } = new(
        [1, 2, 3, 4, 5, 6],
        [0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50],
        20_000,
        Seed: 2012);

    /// <summary>Throws with a message that names the bad value when the plan is outside <see cref="LunchLimits"/>.</summary>
    public void Check()
    {
        CheckSide(EmailCounts.IsDefault ? 0 : EmailCounts.Length, "email counts", nameof(EmailCounts));
        CheckSide(LossRates.IsDefault ? 0 : LossRates.Length, "loss rates", nameof(LossRates));
        foreach (var emails in EmailCounts)
        {
            LunchPlan.CheckEmails(emails, nameof(EmailCounts));
        }

        foreach (var loss in LossRates)
        {
            LunchPlan.CheckLoss(loss, nameof(LossRates));
        }

        if (Trials is < 1 or > LunchLimits.MaxTrials)
        {
            throw new ArgumentOutOfRangeException(nameof(Trials), Trials,
                string.Create(CultureInfo.InvariantCulture, $"trials per cell must be between 1 and {LunchLimits.MaxTrials:N0}, not {Trials:N0}"));
        }
    }

    private static void CheckSide(int count, string what, string name)
    {
        if (count is < 1 or > LunchLimits.MaxGridSide)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"a batch grid needs 1 to {LunchLimits.MaxGridSide} {what}, not {count}"), name);
        }
    }
}
