using BenchmarkDotNet.Attributes;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// The cost of a run's state as one value: building a <see cref="WorldState"/> from the simulator,
/// and its 64-bit fingerprint, which an explorer computes for every state it reaches (the target is
/// under 200 ns for 3PC with 9 participants). The state is taken mid-run, with messages in flight,
/// logs written and timers running.
/// </summary>
[MemoryDiagnoser]
public class FingerprintBenchmark
{
    private Simulator simulator = null!;
    private WorldState state = null!;

    [Params(ProtocolKind.TwoPhase, ProtocolKind.ThreePhase)]
    public ProtocolKind Protocol { get; set; }

    [Params(3, 9)]
    public int Participants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        simulator = Simulator.Create(Workloads.FaultFree(Protocol, Participants));
        var events = Simulator.Create(Workloads.FaultFree(Protocol, Participants)).RunToEnd().Events;
        simulator.RunUntilEvent(events / 2);
        state = simulator.State();
        Console.WriteLine($"// {Protocol} n={Participants} at event {simulator.Events}: {state.InFlight.Count} messages in flight, {state.Nodes.Sum(n => n.Log.Count)} log records, fingerprint {state.Fingerprint():x16}");
    }

    [Benchmark]
    public ulong Fingerprint() => state.Fingerprint();

    [Benchmark]
    public WorldState BuildState() => simulator.State();
}
