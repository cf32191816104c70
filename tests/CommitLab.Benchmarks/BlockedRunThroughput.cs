using BenchmarkDotNet.Attributes;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// One long faulty run: 2PC whose coordinator crashes right after logging COMMIT, so the participants
/// stay blocked, asking for the outcome, until maxTicks = 100,000. Thousands of events per run, so
/// this is the engine's steady-state event rate with the per-run setup cost amortised away.
/// </summary>
[MemoryDiagnoser]
public class BlockedRunThroughput
{
    private Scenario scenario = null!;

    [Params(3, 9)]
    public int Participants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        scenario = Workloads.BlockedTwoPhase(Participants);
        var sim = Simulator.Create(scenario);
        var run = sim.RunToEnd();
        Console.WriteLine($"// {scenario.Title}: {run.Events} events, {sim.Trace.Count} trace entries, {run.Messages.Sent} messages, {run.Outcome}");
    }

    [Benchmark]
    public long BlockedRun() => Simulator.Create(scenario).RunToEnd().Events;
}
