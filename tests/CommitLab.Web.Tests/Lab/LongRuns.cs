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
}
