using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// Plays Sam and Jill's lunch on the simulator: Sam and Jill are <see cref="LunchColleague"/> roles,
/// the emails are messages on the one link between them, and the link loses each email with the
/// plan's loss rate. Each email is sent only in reply to the one before it. At noon each of them goes
/// outside only if every email they were waiting for arrived; anyone left unsure eats in the cafeteria.
/// </summary>
public static class LunchTrial
{
    /// <summary>Runs one trial; the same plan always gives the same outcome, and the same trace.</summary>
    public static LunchOutcome Run(LunchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Check();
        var simulator = Simulator.Create(ScenarioOf(plan));
        simulator.RunToEnd();

        // What happened to each email, from the run itself: email n is message n, since each is
        // written only in reply to the one before.
        var fates = new EmailFate[plan.Emails + 1];
        Array.Fill(fates, EmailFate.NeverSent);
        foreach (var e in simulator.Trace.Events)
        {
            if (e.MessageId is > 0 && e.MessageId <= plan.Emails)
            {
                var number = (int)e.MessageId;
                fates[number] = e.Kind switch
                {
                    TraceKind.Send => EmailFate.Lost,
                    TraceKind.Deliver => EmailFate.Arrived,
                    TraceKind.Drop => e.Reason == DropReason.Injected ? EmailFate.Dropped : EmailFate.Lost,
                    _ => fates[number],
                };
            }
        }

        var emails = ImmutableArray.CreateBuilder<Email>(plan.Emails);
        for (var number = 1; number <= plan.Emails; number++)
        {
            emails.Add(new Email(number, Email.SenderOf(number), Email.ReceiverOf(number), fates[number]));
        }

        var delivered = emails.TakeWhile(e => e.Arrived).Count();
        return new LunchOutcome(
            plan,
            emails.MoveToImmutable(),
            ((LunchState)simulator.Shown(0)!).Place ?? LunchPlace.Cafeteria,
            ((LunchState)simulator.Shown(1)!).Place ?? LunchPlace.Cafeteria,
            [.. Enumerable.Range(1, delivered).Select(Knowledge.Fact)],
            Knowledge.LastSenderDoubt(plan.Emails))
        {
            Trace = simulator.Trace,
        };
    }

    /// <summary>
    /// The lunch as a run of the simulator: Sam and Jill on one link whose every email takes the same
    /// time and is lost with the plan's loss rate, drawn from the plan's seed, one draw per email sent
    /// (the same draws, in the same order, as <see cref="LunchBatch"/> counts with). An email the user
    /// dropped by hand is a scheduled fault that drops it in flight, when no earlier email went missing.
    /// </summary>
    public static Scenario ScenarioOf(LunchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var lunch = new LunchSettings(plan.Emails);
        var faults = ImmutableArray<ScheduledFault>.Empty;
        if (plan.Dropped.Count > 0 && plan.Dropped.Min <= FirstMissing(plan.Emails, plan.Loss, new Prng(plan.Seed)))
        {
            // Email n is on the wire from tick (n - 1) x EmailTicks until n x EmailTicks.
            var number = plan.Dropped.Min;
            var midFlight = ((number - 1) * LunchSettings.EmailTicks) + 1;
            faults = [new ScheduledFault(new FaultTiming.AtTick(midFlight), new FaultAction.Drop(number))];
        }

        return new Scenario
        {
            Title = $"Sam and Jill's lunch: {plan.Emails} {(plan.Emails == 1 ? "email" : "emails")}",
            Protocol = ProtocolKind.TwoGenerals,
            Seed = plan.Seed,
            Network = new NetworkSettings(LunchSettings.EmailTicks, LunchSettings.EmailTicks, plan.Loss),
            Lunch = lunch,
            Faults = faults,
        };
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
    public static LunchPlace PlaceAtNoon(Person person, int emails, int firstMissing)
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
