using BenchmarkDotNet.Running;
using CommitLab.Benchmarks;

// dotnet run -c Release --project tests/CommitLab.Benchmarks -- MODE
//   fuzz-load [--runs N] [--detector timeout|perfect] [--faults LIST]   10,000 fuzz runs, timed
//   events [seconds]                                                     events/s of whole runs, quick
//   workloads                                                            every workload's event count
//   events-cpu                                                           events per CPU-second of fault-free runs (shared machines)
//   fingerprint                                                          ns per WorldState fingerprint, quick
//   floor [rounds] [3pc3,2pc9,blocked]                                   the engine against a bare event loop, same run sizes, CPU time
//   explore [--from 5] [--to 9] [--threads N] [--repeat K]               the explorer on TwoPhase.tla, states/s and memory
//   explore-scenarios [--threads N] [--only PREFIX]                      the explorer on the engine's own 2PC/3PC/Paxos Commit roles within fault budgets
//   spin 3pc3|2pc9|blocked|3pc9 [seconds]                                one workload in a loop, for a sampling profiler (perf)
//   alloc-profile                                                        sampled allocations by type
//   lab-load [--clicks 50] [--circuits 20] [--loads 5] [--render-seconds 10, 0 leaves it out] [--server-dir DIR]
//                                                                        the Lab in Chromium against the real server
//   input-figures [--inputs N]                                           link lengths, reader and link-decoder fuzz throughput
//   gc-heap PID                                                          forces a full GC in a .NET process, prints its managed heap in bytes
//   anything else goes to BenchmarkDotNet, e.g. --filter '*' --job short
return args.FirstOrDefault() switch
{
    "fuzz-load" => QuickFigures.FuzzLoad(args[1..]),
    "events" => QuickFigures.Events(args[1..]),
    "workloads" => QuickFigures.ListWorkloads(),
    "events-cpu" => QuickFigures.EventsCpu(),
    "fingerprint" => QuickFigures.Fingerprints(),
    "floor" => FloorComparison.Run(args[1..]),
    "explore" => ExplorerFigures.Run(args[1..]),
    "explore-scenarios" => ExplorerScenarioFigures.Run(args[1..]),
    "spin" => ProfileLoop.Run(args[1..]),
    "alloc-profile" => AllocationProfile.Run(),
    "lab-load" => LabLoad.Run(args[1..]),
    "input-figures" => InputFigures.Run(args[1..]),
    "gc-heap" => GcHeap(args[1..]),
    _ => RunBenchmarks(args),
};

// For tools/load/classroom-load.mjs, which reads the server's heap before and after students join.
static int GcHeap(string[] args)
{
    if (args.Length != 1 || !int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var pid))
    {
        Console.Error.WriteLine("usage: gc-heap PID");
        return 2;
    }

    if (LabLoadHeap.CollectAndMeasure(pid, TimeSpan.FromSeconds(15)) is not { } bytes)
    {
        Console.Error.WriteLine($"gc-heap: process {pid} did not report its heap in time");
        return 1;
    }

    Console.WriteLine(bytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(SimulationThroughput).Assembly).Run(args);
    return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
}
