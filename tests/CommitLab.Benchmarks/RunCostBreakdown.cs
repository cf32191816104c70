using BenchmarkDotNet.Attributes;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// Where a run's time goes, in pieces the public API can isolate: building a simulator (validation
/// and setup), and <see cref="Engine.Tracing.Trace.Hash"/>, which every finished run computes for its
/// <see cref="RunResult.TraceHash"/> by rendering the whole trace as text and hashing it.
/// </summary>
[MemoryDiagnoser]
public class RunCostBreakdown
{
    private Scenario faultFree = null!;
    private Simulator faultFreeDone = null!;
    private Simulator blockedDone = null!;

    [GlobalSetup]
    public void Setup()
    {
        faultFree = Workloads.FaultFree(ProtocolKind.ThreePhase, 9);
        faultFreeDone = Simulator.Create(faultFree);
        faultFreeDone.RunToEnd();
        blockedDone = Simulator.Create(Workloads.BlockedTwoPhase(3));
        blockedDone.RunToEnd();
        Console.WriteLine($"// 3pc n=9 fault-free trace: {faultFreeDone.Trace.Count} entries; 2pc n=3 blocked trace: {blockedDone.Trace.Count} entries");
    }

    /// <summary>The whole 3PC n=9 fault-free run, for reference.</summary>
    [Benchmark(Baseline = true)]
    public long FaultFree3pc9Run() => Simulator.Create(faultFree).RunToEnd().Events;

    /// <summary>Validation and construction only (nodes started, first messages sent).</summary>
    [Benchmark]
    public long Create3pc9() => Simulator.Create(faultFree).Events;

    /// <summary>The trace hash of that run, which RunToEnd computes once at the end.</summary>
    [Benchmark]
    public string TraceHash3pc9() => faultFreeDone.Trace.Hash();

    /// <summary>The trace hash of the blocked 2PC n=3 run (6,008 events).</summary>
    [Benchmark]
    public string TraceHashBlocked2pc3() => blockedDone.Trace.Hash();
}
