using BenchmarkDotNet.Attributes;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// What the Lab's timeline scrubber does on every drag: rebuild the run from its scenario and replay
/// it to the event under the cursor (here event 1,000 of a 1,114-event run), then take the snapshot
/// the page draws. Runs are deterministic, so replaying from the start is how the Lab seeks.
/// </summary>
[MemoryDiagnoser]
public class ReplayBenchmark
{
    private Scenario scenario = null!;
    private Simulator atTarget = null!;

    [GlobalSetup]
    public void Setup()
    {
        scenario = Workloads.Replay();
        var whole = Simulator.Create(scenario);
        var run = whole.RunToEnd();
        if (run.Events <= Workloads.ReplayEvents)
        {
            throw new InvalidOperationException($"the replay scenario processes {run.Events} events; it must process more than {Workloads.ReplayEvents}");
        }

        atTarget = Simulator.Create(scenario);
        atTarget.RunUntilEvent(Workloads.ReplayEvents);
        Console.WriteLine(
            $"// {scenario.Title}: {run.Events} events in all ({whole.Trace.Count} trace entries, {run.Outcome}); " +
            $"event {atTarget.Events} is at t={atTarget.Tick}, trace entry {atTarget.Trace.Count}");
    }

    /// <summary>Rebuild and replay to event 1,000.</summary>
    [Benchmark(Baseline = true)]
    public long ReplayTo1000()
    {
        var sim = Simulator.Create(scenario);
        sim.RunUntilEvent(Workloads.ReplayEvents);
        return sim.Events;
    }

    /// <summary>A drag as the Lab does it: replay to event 1,000 and snapshot the state to draw.</summary>
    [Benchmark]
    public Snapshot ReplayTo1000AndSnapshot()
    {
        var sim = Simulator.Create(scenario);
        sim.RunUntilEvent(Workloads.ReplayEvents);
        return sim.Snapshot();
    }

    /// <summary>The snapshot alone, at event 1,000 (no replay).</summary>
    [Benchmark]
    public Snapshot SnapshotAt1000() => atTarget.Snapshot();

    /// <summary>A drag to the end of the timeline: the run finishes, which also hashes the trace for its result.</summary>
    [Benchmark]
    public long ReplayToEnd() => Simulator.Create(scenario).RunToEnd().Events;
}
