using BenchmarkDotNet.Attributes;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// Where a run's time goes, in pieces the public API can isolate: building a simulator (validation
/// and setup), stepping, and <see cref="Engine.Tracing.Trace.Hash"/>, which every finished run
/// computes once for its <see cref="RunResult.TraceHash"/> by rendering the whole trace as text and
/// hashing it. Stepping alone is measured by stopping one event short of the end: the run then never
/// finishes, so it never builds its result.
/// </summary>
[MemoryDiagnoser]
public class RunCostBreakdown
{
    private Scenario faultFree = null!;
    private Scenario blocked = null!;
    private Simulator faultFreeDone = null!;
    private Simulator blockedDone = null!;

    [GlobalSetup]
    public void Setup()
    {
        faultFree = Workloads.FaultFree(ProtocolKind.ThreePhase, 9);
        faultFreeDone = Simulator.Create(faultFree);
        faultFreeDone.RunToEnd();
        blocked = Workloads.BlockedTwoPhase(3);
        blockedDone = Simulator.Create(blocked);
        blockedDone.RunToEnd();
        Console.WriteLine(
            $"// 3pc n=9 fault-free: {faultFreeDone.Events} events, {faultFreeDone.Trace.Count} trace entries; " +
            $"2pc n=3 blocked: {blockedDone.Events} events, {blockedDone.Trace.Count} trace entries");
    }

    /// <summary>The whole 3PC n=9 fault-free run (83 events), as SimulationThroughput measures it.</summary>
    [Benchmark]
    public long FaultFree3pc9Run() => Simulator.Create(faultFree).RunToEnd().Events;

    /// <summary>Validation and construction only (nodes started, first messages sent).</summary>
    [Benchmark]
    public long FaultFree3pc9CreateOnly() => Simulator.Create(faultFree).Events;

    /// <summary>The run's events but the last, so it never finishes: no result, no hash.</summary>
    [Benchmark]
    public long FaultFree3pc9StepsOnly()
    {
        var sim = Simulator.Create(faultFree);
        sim.RunUntilEvent(faultFreeDone.Events - 1);
        return sim.Events;
    }

    /// <summary>The trace hash of that run, which RunToEnd computes once at the end.</summary>
    [Benchmark]
    public string FaultFree3pc9TraceHash() => faultFreeDone.Trace.Hash();

    /// <summary>The whole blocked 2PC n=3 run (6,008 events), as BlockedRunThroughput measures it.</summary>
    [Benchmark]
    public long Blocked2pc3Run() => Simulator.Create(blocked).RunToEnd().Events;

    /// <summary>Its events but the last: no result, no hash.</summary>
    [Benchmark]
    public long Blocked2pc3StepsOnly()
    {
        var sim = Simulator.Create(blocked);
        sim.RunUntilEvent(blockedDone.Events - 1);
        return sim.Events;
    }

    /// <summary>The trace hash of the blocked run (11,014 trace entries).</summary>
    [Benchmark]
    public string Blocked2pc3TraceHash() => blockedDone.Trace.Hash();
}
