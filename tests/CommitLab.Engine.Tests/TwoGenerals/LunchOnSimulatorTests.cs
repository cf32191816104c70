using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Engine.Tests.TwoGenerals;

/// <summary>
/// Sam and Jill are protocol roles on the one simulator: each email is a message on the link between
/// them, a lost email is the network's loss or a dropped message, and noon is a timer. The page's
/// numbers are the run's, and they agree with the batch's arithmetic for every plan.
/// </summary>
public class LunchOnSimulatorTests
{
    [Fact]
    public void Three_emails_that_all_arrive_are_three_messages_and_both_eat_outside()
    {
        var outcome = LunchTrial.Run(new LunchPlan(3));
        var text = outcome.Trace!.ToText();

        Assert.Contains("t=0 Sam sends proposal #1 to Jill", text, StringComparison.Ordinal);
        Assert.Contains("t=10 Jill sends ack #2 to Sam", text, StringComparison.Ordinal);
        Assert.Contains("t=20 Sam sends ack #3 to Jill", text, StringComparison.Ordinal);
        Assert.Contains("t=35 Sam enters noon: eats outside", text, StringComparison.Ordinal);
        Assert.Contains("t=35 Jill enters noon: eats outside", text, StringComparison.Ordinal);
        Assert.Equal((LunchPlace.Outside, LunchPlace.Outside), (outcome.Sam, outcome.Jill));
        Assert.Equal(["Sam", "Jill"], outcome.Trace.NodeNames.ToArray());
    }

    [Fact]
    public void Losing_the_last_email_splits_them_and_the_monitor_says_so()
    {
        var plan = new LunchPlan(2).ToggleDrop(2);
        var simulator = Simulator.Create(LunchTrial.ScenarioOf(plan));
        var result = simulator.RunToEnd();

        Assert.Equal([LunchAgreementMonitor.Property], simulator.Monitors.Select(m => m.Name));
        Assert.False(simulator.Monitors[0].Holds);
        Assert.Equal("same place at noon: Sam eats in the cafeteria but Jill eats outside", Assert.Single(result.Violations));
        Assert.Equal(new MessageCounts(2, 1, 1), result.Messages);
        Assert.Contains("Jill sends ack #2 to Sam", simulator.Trace.ToText(), StringComparison.Ordinal);
        Assert.Contains("is lost (dropped by a fault)", simulator.Trace.ToText(), StringComparison.Ordinal);

        var outcome = LunchTrial.Run(plan);
        Assert.Equal((LunchPlace.Cafeteria, LunchPlace.Outside), (outcome.Sam, outcome.Jill));
        Assert.Equal([EmailFate.Arrived, EmailFate.Dropped], outcome.Emails.Select(e => e.Fate));
    }

    [Fact]
    public void The_network_loses_the_same_emails_the_batch_counts_with()
    {
        // One link, one loss draw per email sent, from the plan's seed: the run's first missing email
        // is the one the batch's arithmetic finds, for every length, loss rate, seed and hand drop.
        for (var emails = 1; emails <= 6; emails++)
        {
            foreach (var loss in new[] { 0.0, 0.2, 0.5, 0.9 })
            {
                for (ulong seed = 0; seed < 60; seed++)
                {
                    var plan = new LunchPlan(emails, loss, seed);
                    foreach (var trial in new[] { plan, plan.ToggleDrop(1 + (int)(seed % (ulong)emails)) })
                    {
                        var outcome = LunchTrial.Run(trial);
                        var firstMissing = LunchTrial.FirstMissing(emails, loss, new Prng(seed), trial.Dropped);
                        Assert.Equal(firstMissing - 1, outcome.Delivered);
                        Assert.Equal(LunchTrial.PlaceAtNoon(Person.Sam, emails, firstMissing), outcome.Sam);
                        Assert.Equal(LunchTrial.PlaceAtNoon(Person.Jill, emails, firstMissing), outcome.Jill);
                        Assert.Equal(outcome.Sam != outcome.Jill, outcome.Trace!.Events.Any(e => e.Kind == Tracing.TraceKind.Violation));
                    }
                }
            }
        }
    }

    [Fact]
    public void A_lunch_is_not_a_scenario_file()
    {
        // The page builds the lunch from its plan; a file naming the protocol is refused, as any unknown one.
        var errors = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse("protocol: two-generals\n", "lunch.yaml")).Errors;
        Assert.Contains(errors, e => e.Message.Contains("unknown protocol 'two-generals'", StringComparison.Ordinal));
        Assert.Throws<ScenarioException>(() => Simulator.Create(new Scenario { Protocol = ProtocolKind.TwoGenerals }));
    }
}
