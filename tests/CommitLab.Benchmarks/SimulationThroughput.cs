using BenchmarkDotNet.Attributes;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// Whole fault-free runs, from <see cref="Simulator.Create"/> to <see cref="Simulator.RunToEnd"/>:
/// what <c>commitlab run</c> and every Lab "run" do. Each op returns the run's event count, so
/// events/s = events per run / mean time (docs/performance.md does that division).
/// </summary>
[MemoryDiagnoser]
public class SimulationThroughput
{
    private Scenario scenario = null!;

    [Params(ProtocolKind.TwoPhase, ProtocolKind.ThreePhase)]
    public ProtocolKind Protocol { get; set; }

    [Params(3, 9)]
    public int Participants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        scenario = Workloads.FaultFree(Protocol, Participants);
        var run = Simulator.Create(scenario).RunToEnd();
        Console.WriteLine($"// {scenario.Title}: {run.Events} events, {run.Messages.Sent} messages, {run.Ticks} ticks, {run.Outcome}");
    }

    [Benchmark]
    public long FaultFreeRun() => Simulator.Create(scenario).RunToEnd().Events;
}
