using System.Collections.Immutable;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// Many seeded lunch trials per protocol length and loss rate, counting how often Sam and Jill end
/// up apart. The counts never reach zero for a loss rate above zero: see <see cref="DisagreementChance"/>.
/// </summary>
public static class LunchBatch
{
    public static BatchResult Run(BatchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Check();
        var cells = ImmutableArray.CreateBuilder<BatchCell>(plan.EmailCounts.Length * plan.LossRates.Length);
        foreach (var emails in plan.EmailCounts)
        {
            foreach (var loss in plan.LossRates)
            {
                var prng = new Prng(CellSeed(plan.Seed, emails, loss));
                var disagreements = 0;
                var metOutside = 0;
                for (var trial = 0; trial < plan.Trials; trial++)
                {
                    var firstMissing = LunchTrial.FirstMissing(emails, loss, prng);
                    var sam = LunchTrial.PlaceAtNoon(Person.Sam, emails, firstMissing);
                    var jill = LunchTrial.PlaceAtNoon(Person.Jill, emails, firstMissing);
                    if (sam != jill)
                    {
                        disagreements++;
                    }
                    else if (sam == LunchPlace.Outside)
                    {
                        metOutside++;
                    }
                }

                cells.Add(new BatchCell(emails, loss, plan.Trials, disagreements, metOutside));
            }
        }

        return new BatchResult(plan, cells.MoveToImmutable());
    }

    /// <summary>
    /// The chance that one trial ends with them apart. Losing any email but the last leaves both
    /// unsure, so both eat inside; losing none sends both out. Only losing exactly the last email,
    /// after all the others arrived, splits them: its writer got everything they waited for and goes
    /// out, its reader did not and stays in. That happens with probability loss x (1 - loss)^(k - 1),
    /// which is above zero for every loss rate above zero and every finite k.
    /// </summary>
    public static double DisagreementChance(int emails, double loss) => loss * Math.Pow(1 - loss, emails - 1);

    /// <summary>The chance that both eat outside: every one of the k emails arrives, (1 - loss)^k.</summary>
    public static double MetOutsideChance(int emails, double loss) => Math.Pow(1 - loss, emails);

    /// <summary>
    /// Each cell's own seed, from the batch seed, its email count and its loss rate only: a cell's
    /// numbers do not change when the grid around it grows or shrinks.
    /// </summary>
    internal static ulong CellSeed(ulong seed, int emails, double loss) =>
        seed ^ ((ulong)emails * 0x9E3779B97F4A7C15UL) ^ (BitConverter.DoubleToUInt64Bits(loss) * 0xBF58476D1CE4E5B9UL);
}
