using BenchmarkDotNet.Attributes;
using CommitLab.Cli;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// One fuzz run as <c>commitlab fuzz --protocol 3pc --participants 4</c> does it: draw the fault plan
/// from the seed (every fault kind), build the scenario, run it to the end. Single seeds differ wildly
/// (20 to 1,200 events), so each op runs the same fixed batch of <see cref="Batch"/> consecutive seeds
/// and BenchmarkDotNet divides by it: the mean is the time of an average fuzz run, and runs/s is 1 / mean.
/// </summary>
[MemoryDiagnoser]
public class FuzzThroughput
{
    public const int Batch = 100;

    private Scenario baseScenario = null!;

    [Params(DetectorKind.Timeout, DetectorKind.Perfect)]
    public DetectorKind Detector { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        baseScenario = Workloads.FuzzBase(Detector);
        var events = Run();
        Console.WriteLine($"// 3pc, 4 participants, {Detector} detector, seeds {Workloads.FuzzSeed}..{Workloads.FuzzSeed + Batch - 1}: {events} events, {events / (double)Batch:0.0} per run");
    }

    /// <summary>Plan, build and run one seed; returns the batch's total event count.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public long FuzzRun() => Run();

    /// <summary>Only the fault-plan draw and scenario build, to show its share of a fuzz run.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int PlanOnly()
    {
        var faults = 0;
        for (var i = 0; i < Batch; i++)
        {
            faults += Workloads.Fuzz(baseScenario, Workloads.FuzzSeed + (ulong)i, Workloads.AllFaultKinds).Faults.Length;
        }

        return faults;
    }

    private long Run()
    {
        long events = 0;
        for (var i = 0; i < Batch; i++)
        {
            events += Simulator.Create(Workloads.Fuzz(baseScenario, Workloads.FuzzSeed + (ulong)i, Workloads.AllFaultKinds)).RunToEnd().Events;
        }

        return events;
    }
}
