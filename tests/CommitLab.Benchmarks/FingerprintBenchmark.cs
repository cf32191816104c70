using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// The cost of a run's state as one value: building a <see cref="WorldState"/> from the simulator,
/// and its 64-bit fingerprint, which an explorer computes for every state it reaches (the target is
/// under 200 ns for 3PC with 9 participants). The state is taken mid-run, with messages in flight,
/// logs written and timers running. <see cref="FingerprintFromLists"/> fingerprints the same state
/// rebuilt from its bare lists, as a state built or changed by hand is: each node then walks its log,
/// locks and waiting effects instead of taking the fingerprint the simulator kept of them.
/// </summary>
[MemoryDiagnoser]
public class FingerprintBenchmark
{
    private Simulator simulator = null!;
    private WorldState state = null!;
    private WorldState bare = null!;

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
        bare = Bare(state);
        Console.WriteLine($"// {Protocol} n={Participants} at event {simulator.Events}: {state.InFlight.Count} messages in flight, {state.Nodes.Sum(n => n.Log.Count)} log records, fingerprint {state.Fingerprint():x16}");
    }

    [Benchmark]
    public ulong Fingerprint() => state.Fingerprint();

    [Benchmark]
    public ulong FingerprintFromLists() => bare.Fingerprint();

    [Benchmark]
    public WorldState BuildState() => simulator.State();

    /// <summary>The same state with every node's lists built from their elements alone.</summary>
    internal static WorldState Bare(WorldState state) => state with
    {
        Nodes = state.Nodes.Select(n => n with { Log = n.Log.Items, Locks = n.Locks.Items, Pending = n.Pending.Items }).ToImmutableArray(),
    };
}
