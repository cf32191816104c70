using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Tests.Lab;

/// <summary>
/// Recordings with many faults, written the way a room or the Lab records hand-injected faults
/// (after event N, at tick T): the long lectures whose links once grew past what the server accepts.
/// Also compiled into the browser tests, which open such runs on the real server.
/// </summary>
internal static class LongRuns
{
    private static readonly FaultAction[] Actions =
    [
        new FaultAction.Crash("P1"), new FaultAction.Recover("P1"), new FaultAction.Cut("L", "P2", BothWays: true),
        new FaultAction.Heal("L", "P2", BothWays: true), new FaultAction.Freeze("P3", 40), new FaultAction.Crash("L"), new FaultAction.Recover("L"),
    ];

    /// <summary>A 2PC run of three participants with <paramref name="faults"/> hand faults, spread the way an instructor clicks.</summary>
    public static Scenario WithFaults(int faults)
    {
        var rng = new Prng(7);
        var schedule = ImmutableArray.CreateBuilder<ScheduledFault>(faults);
        long events = 0;
        long tick = 0;
        for (var i = 0; i < faults; i++)
        {
            events += rng.NextInclusive(1, 12);
            tick += rng.NextInclusive(5, 60);
            schedule.Add(new ScheduledFault(new FaultTiming.AfterEvent(events, tick), Actions[i % Actions.Length]));
        }

        return new Scenario { Title = $"A lecture with {faults} faults", Participants = 3, Seed = 11, MaxTicks = 20_000, Faults = schedule.MoveToImmutable() };
    }

    /// <summary>
    /// The most faults a scenario may hold, at scattered moments on scattered nodes, within the run's
    /// ticks, with as many participants as the Lab draws: about as incompressible as a run gets, and
    /// too long for any link.
    /// </summary>
    public static Scenario Scattered()
    {
        var rng = new Prng(3);
        var schedule = ImmutableArray.CreateBuilder<ScheduledFault>(Scenario.MaxFaults);
        for (var i = 0; i < Scenario.MaxFaults; i++)
        {
            var when = new FaultTiming.AfterEvent(rng.NextInclusive(0, 999_999), rng.NextInclusive(0, 9_999));
            schedule.Add(new ScheduledFault(when, new FaultAction.Freeze($"P{rng.NextInclusive(1, 9)}", (int)rng.NextInclusive(1, 999_999))));
        }

        return new Scenario { Title = "Scattered faults", Participants = 9, Faults = schedule.MoveToImmutable() };
    }
}
