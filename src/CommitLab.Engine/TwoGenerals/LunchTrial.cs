using System.Collections.Immutable;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// Plays Sam and Jill's lunch. Each email is sent only in reply to the one before it, and each sent
/// email is lost with the plan's loss rate (or on purpose). At noon each of them goes outside only if
/// every email they were waiting for arrived; anyone left unsure eats in the cafeteria.
/// </summary>
public static class LunchTrial
{
    /// <summary>Runs one trial; the same plan always gives the same outcome.</summary>
    public static LunchOutcome Run(LunchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Check();
        var firstMissing = FirstMissing(plan.Emails, plan.Loss, new Prng(plan.Seed), plan.Dropped);
        var emails = ImmutableArray.CreateBuilder<Email>(plan.Emails);
        for (var number = 1; number <= plan.Emails; number++)
        {
            var fate = number < firstMissing ? EmailFate.Arrived
                : number > firstMissing ? EmailFate.NeverSent
                : plan.Dropped.Contains(number) ? EmailFate.Dropped
                : EmailFate.Lost;
            emails.Add(new Email(number, Email.SenderOf(number), Email.ReceiverOf(number), fate));
        }

        var delivered = firstMissing - 1;
        return new LunchOutcome(
            plan,
            emails.MoveToImmutable(),
            PlaceAtNoon(Person.Sam, plan.Emails, firstMissing),
            PlaceAtNoon(Person.Jill, plan.Emails, firstMissing),
            [.. Enumerable.Range(1, delivered).Select(Knowledge.Fact)],
            Knowledge.LastSenderDoubt(plan.Emails));
    }

    /// <summary>
    /// The number of the first email that goes missing, or <paramref name="emails"/> + 1 when all
    /// arrive. Draws exactly one number per email, even past the first loss, so dropping an email
    /// by hand never changes the chances drawn for the others.
    /// </summary>
    internal static int FirstMissing(int emails, double loss, Prng prng, ImmutableSortedSet<int>? dropped = null)
    {
        var first = emails + 1;
        for (var number = 1; number <= emails; number++)
        {
            var lost = prng.NextDouble() < loss || (dropped?.Contains(number) ?? false);
            if (lost && first > emails)
            {
                first = number;
            }
        }

        return first;
    }

    /// <summary>
    /// The rule each person follows: go outside only if every email addressed to you arrived. Emails
    /// at or after the first missing one did not (they were lost or never written). Sam with a
    /// one-email protocol waits for nothing, so he goes out on the strength of his own proposal.
    /// </summary>
    internal static LunchPlace PlaceAtNoon(Person person, int emails, int firstMissing)
    {
        for (var number = firstMissing; number <= emails; number++)
        {
            if (Email.ReceiverOf(number) == person)
            {
                return LunchPlace.Cafeteria;
            }
        }

        return LunchPlace.Outside;
    }
}
