using BenchmarkDotNet.Attributes;
using CommitLab.Cli;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Benchmarks;

/// <summary>
/// The Tahoe-LAFS model's speed: the lesson's two-writer collision run whole (what the Lab and
/// <c>commitlab run</c> do), and a fixed batch of seeded fault-injected runs as
/// <c>commitlab fuzz --protocol tahoe</c> draws them (plan from <see cref="FaultPlan.GenerateTahoe"/>, then
/// run to the end). Each op returns events, so events/s = events per run / mean time.
/// </summary>
[MemoryDiagnoser]
public class TahoeThroughput
{
    public const int Batch = 100;

    private Scenario collision = null!;

    [Params(ProtocolKind.TahoeUncoordinated, ProtocolKind.TahoeTwoPhase, ProtocolKind.TahoeMagicFolder)]
    public ProtocolKind Protocol { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // The shipped file for this mode: two writers 5 ms apart over three servers, as lesson 9 shows them.
        var root = LabLoad.FindRepoRoot() ?? throw new InvalidOperationException("run from inside the repository (CommitLab.sln not found)");
        collision = ScenarioParser.ParseFile(Path.Combine(root, "lessons", "scenarios", $"{Names.Of(Protocol)}.yaml"));
        var run = Simulator.Create(collision).RunToEnd();
        var events = Fuzz();
        Console.WriteLine($"// {Names.TahoeMode(Protocol)} collision: {run.Events} events, {run.Messages.Sent} messages, {run.Ticks} ticks, {TahoeOutcomes.Name(run.Tahoe!.Outcome)}; fuzz seeds 1..{Batch}: {events} events, {events / (double)Batch:0.0} per run");
    }

    [Benchmark]
    public long CollisionRun() => Simulator.Create(collision).RunToEnd().Events;

    /// <summary>Plan, build and run one seed (2 writers, 3 servers, random faults); averaged over the batch.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long FuzzRun() => Fuzz();

    private long Fuzz()
    {
        long events = 0;
        for (var seed = 1UL; seed <= Batch; seed++)
        {
            events += Simulator.Create(FaultPlan.GenerateTahoe(seed, Protocol, writers: 2, servers: 3)).RunToEnd().Events;
        }

        return events;
    }
}
