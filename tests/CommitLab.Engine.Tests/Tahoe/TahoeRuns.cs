using System.Collections.Immutable;
using CommitLab.Cli;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>Shared setup for Tahoe tests: a two-writer, three-server collision in any mode, run on the one simulator.</summary>
internal static class TahoeRuns
{
    public static Scenario Collision(ProtocolKind mode, ulong seed = 3, long w2Start = 5) => new()
    {
        Title = "collision",
        Protocol = mode,
        Seed = seed,
        Network = new NetworkSettings(10, 40, 0.0),
        Tahoe = new TahoeSettings { Writers = 2, Servers = 3, Starts = ImmutableSortedDictionary<string, long>.Empty.Add("W1", 0).Add("W2", w2Start) },
    };

    /// <summary>The scenario with its Tahoe section's retry rule replaced.</summary>
    public static Scenario WithRetry(this Scenario scenario, TahoeRetry retry) => scenario with { Tahoe = scenario.Tahoe! with { Retry = retry } };

    /// <summary>A random run from the fuzzer's generator.</summary>
    public static Scenario Generate(ulong seed, ProtocolKind mode, int writers, int servers, bool faults = true) =>
        FaultPlan.GenerateTahoe(seed, mode, writers, servers, faults);

    public static RunResult Run(Scenario scenario) => Simulator.Create(scenario).RunToEnd();

    /// <summary>What the Tahoe monitors say about a finished run.</summary>
    public static TahoeVerdict Verdict(this RunResult result) => result.Tahoe!;

    public static string Servers(RunResult result) => string.Join(" ", result.Verdict().Servers.Select(p => $"{p.Key}={p.Value}"));

    public static string Writers(RunResult result) => string.Join(" ", result.Verdict().Writers.Select(p => $"{p.Key}={p.Value}"));

    public static Scenario File(string name) => ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, name));

    public static ScheduledFault At(long tick, FaultAction action) => new(new FaultTiming.AtTick(tick), action);

    /// <summary>A fault on the trigger "<paramref name="from"/> sends <paramref name="message"/> [to <paramref name="to"/>]".</summary>
    public static ScheduledFault WhenSends(string from, MessageKind message, string? to, FaultAction action) =>
        new(new FaultTiming.OnTrigger(new Trigger(TriggerKind.Sends, from, Message: message, Peer: to)), action);
}
