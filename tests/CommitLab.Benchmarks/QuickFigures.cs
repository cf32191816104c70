using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using CommitLab.Cli;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// Quick figures without BenchmarkDotNet: plain stopwatch loops, single-threaded, seconds rather than
/// minutes. Less rigorous than the BDN suites (no outlier handling, one process), but close enough to
/// check a target, and the same workloads (<see cref="Workloads"/>).
/// </summary>
public static class QuickFigures
{
    public const int DefaultFuzzRuns = 10_000;

    public const double FuzzTargetSeconds = 5.0;

    public const double EventsTargetPerSecond = 1_000_000;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// <c>fuzz-load [--runs N] [--detector timeout|perfect] [--faults LIST] [--repeat K]</c>: N fault-injected
    /// 3PC runs with 4 participants, seeds 1..N, built as <c>commitlab fuzz</c> builds them, in one thread.
    /// The first pass is timed cold (JIT included), as a user of the CLI sees it; <c>--repeat</c> adds warm
    /// passes in the same process, to tell JIT warm-up from steady-state cost.
    /// </summary>
    public static int FuzzLoad(string[] args)
    {
        var runs = DefaultFuzzRuns;
        var repeat = 1;
        var detector = DetectorKind.Timeout;
        var kindsText = Workloads.AllFaultKindsText;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--runs": runs = int.Parse(args[i + 1], Inv); break;
                case "--repeat": repeat = int.Parse(args[i + 1], Inv); break;
                case "--detector": detector = args[i + 1] == "perfect" ? DetectorKind.Perfect : DetectorKind.Timeout; break;
                case "--faults": kindsText = args[i + 1]; break;
                default: Console.Error.WriteLine($"fuzz-load: unknown option {args[i]}"); return 2;
            }
        }

        var kinds = Workloads.ParseKinds(kindsText);
        var baseScenario = Workloads.FuzzBase(detector);
        Console.WriteLine($"fuzz-load: 3pc, 4 participants, {Names.Of(detector)} detector, faults {kindsText}, seeds {Workloads.FuzzSeed}..{Workloads.FuzzSeed + (ulong)runs - 1}");
        Console.WriteLine($"runtime    .NET {Environment.Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, single thread");
        for (var pass = 1; pass <= repeat; pass++)
        {
            FuzzPass(baseScenario, kinds, runs, pass == 1 ? "pass 1, cold: JIT included, as `commitlab fuzz` runs" : $"pass {pass}, same process, warm");
        }

        return 0;
    }

    private static void FuzzPass(Scenario baseScenario, ImmutableSortedSet<FaultKind> kinds, int runs, string label)
    {
        var outcomes = new SortedDictionary<RunOutcome, int>();
        long events = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            var scenario = Workloads.Fuzz(baseScenario, Workloads.FuzzSeed + (ulong)i, kinds);
            var result = Simulator.Create(scenario).RunToEnd();
            events += result.Events;
            outcomes[result.Outcome] = outcomes.GetValueOrDefault(result.Outcome) + 1;
        }

        clock.Stop();
        var seconds = clock.Elapsed.TotalSeconds;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        Console.WriteLine(label);
        Console.WriteLine($"  outcomes   {string.Join(", ", outcomes.Select(pair => $"{pair.Key.ToString().ToLowerInvariant()} {pair.Value}"))}");
        Console.WriteLine($"  events     {events.ToString("N0", Inv)} ({(events / (double)runs).ToString("0.0", Inv)} per run, {(events / seconds).ToString("N0", Inv)} events/s)");
        Console.WriteLine($"  memory     {(allocated / 1048576.0).ToString("N0", Inv)} MB allocated ({(allocated / (double)runs / 1024).ToString("0.0", Inv)} KB per run); GCs gen0 {GC.CollectionCount(0) - gen0}, gen1 {GC.CollectionCount(1) - gen1}, gen2 {GC.CollectionCount(2) - gen2}");
        Console.WriteLine($"  time       {runs.ToString("N0", Inv)} runs in {seconds.ToString("0.000", Inv)} s = {(runs / seconds).ToString("N0", Inv)} runs/s");
        if (runs == DefaultFuzzRuns)
        {
            Console.WriteLine($"  target     10,000 runs in < {FuzzTargetSeconds.ToString("0", Inv)} s: {(seconds < FuzzTargetSeconds ? "met" : "MISSED")}");
        }
    }

    /// <summary>
    /// <c>events [seconds]</c>: events/s of whole fault-free runs (2PC and 3PC, n = 3 and 9) and of the
    /// long blocked 2PC run, each looped for about <c>seconds</c> (2 by default) after a short warm-up,
    /// with the share of each run spent hashing its trace.
    /// </summary>
    public static int Events(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], Inv) : 2.0;
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, single thread, {seconds.ToString("0.#", Inv)} s per workload after two 0.3 s warm-ups of each");
        Console.WriteLine($"{"workload",-28}{"events/run",11}{"runs/s",11}{"events/s",13}{"KB/run",9}{"B/event",9}{"gen0",6}{"hash %",8}");
        ImmutableArray<(string Name, Scenario Scenario)> workloads =
        [
            ("2pc n=3 fault-free", Workloads.FaultFree(ProtocolKind.TwoPhase, 3)),
            ("2pc n=9 fault-free", Workloads.FaultFree(ProtocolKind.TwoPhase, 9)),
            ("3pc n=3 fault-free", Workloads.FaultFree(ProtocolKind.ThreePhase, 3)),
            ("3pc n=9 fault-free", Workloads.FaultFree(ProtocolKind.ThreePhase, 9)),
            ("2pc n=3 blocked to t=100k", Workloads.BlockedTwoPhase(3)),
            ("2pc n=9 blocked to t=100k", Workloads.BlockedTwoPhase(9)),
        ];
        // Two warm-up rounds: tiered JIT (with dynamic PGO) needs a second or two of a workload
        // before its hot methods reach their final code, and the first figure would read low.
        for (var round = 0; round < 2; round++)
        {
            foreach (var (_, scenario) in workloads)
            {
                Loop(scenario, 0.3);
            }
        }

        var missed = 0;
        foreach (var (name, scenario) in workloads)
        {
            var (runs, events, elapsed, allocated, gen0) = Loop(scenario, seconds);
            var perSecond = events / elapsed;
            var hashShare = HashSeconds(scenario, Math.Min(0.5, seconds / 4)) / (elapsed / runs);
            Console.WriteLine(
                $"{name,-28}{(events / runs).ToString("N0", Inv),11}{(runs / elapsed).ToString("N0", Inv),11}{perSecond.ToString("N0", Inv),13}" +
                $"{(allocated / (double)runs / 1024).ToString("0.0", Inv),9}{(allocated / (double)events).ToString("0", Inv),9}{gen0,6}{(100 * hashShare).ToString("0", Inv),7}%");
            if (perSecond < EventsTargetPerSecond)
            {
                missed++;
            }
        }

        Console.WriteLine($"target     >= {EventsTargetPerSecond.ToString("N0", Inv)} events/s: met by {workloads.Length - missed} of {workloads.Length} workloads");
        return 0;
    }

    private static (long Runs, long Events, double Seconds, long Allocated, int Gen0) Loop(Scenario scenario, double seconds)
    {
        long runs = 0;
        long events = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gen0 = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        do
        {
            events += Simulator.Create(scenario).RunToEnd().Events;
            runs++;
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        clock.Stop();
        return (runs, events, clock.Elapsed.TotalSeconds, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, GC.CollectionCount(0) - gen0);
    }

    /// <summary>Seconds one <see cref="Engine.Tracing.Trace.Hash"/> of this run's finished trace takes (RunToEnd does one).</summary>
    private static double HashSeconds(Scenario scenario, double seconds)
    {
        var sim = Simulator.Create(scenario);
        sim.RunToEnd();
        long hashes = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            _ = sim.Trace.Hash();
            hashes++;
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        return clock.Elapsed.TotalSeconds / hashes;
    }

    /// <summary><c>workloads</c>: every benchmark workload with its exact event count, to check the figures' denominators.</summary>
    /// <summary>
    /// Events per CPU-second of whole fault-free runs, the best and the median of 12 rounds of about
    /// 0.25 CPU-seconds each. For a shared machine: wall-clock figures there measure the neighbours,
    /// while CPU time counts only the time this process actually ran.
    /// </summary>
    public static int EventsCpu()
    {
        var process = Process.GetCurrentProcess();
        double CpuSeconds()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalSeconds;
        }

        Console.WriteLine($"{"workload",-28}{"best events/CPU-s",20}{"median",14}");
        foreach (var (protocol, n) in new[] { (ProtocolKind.TwoPhase, 3), (ProtocolKind.TwoPhase, 9), (ProtocolKind.ThreePhase, 3), (ProtocolKind.ThreePhase, 9) })
        {
            var scenario = Workloads.FaultFree(protocol, n);
            var rates = new List<double>();
            for (var round = 0; round < 14; round++)
            {
                long events = 0;
                var start = CpuSeconds();
                double spent;
                do
                {
                    for (var i = 0; i < 200; i++)
                    {
                        events += Simulator.Create(scenario).RunToEnd().Events;
                    }

                    spent = CpuSeconds() - start;
                }
                while (spent < 0.25);

                if (round >= 2)
                {
                    rates.Add(events / spent); // the first two rounds warm the JIT up
                }
            }

            rates.Sort();
            Console.WriteLine($"{$"{Names.Of(protocol)} n={n} fault-free",-28}{rates[^1].ToString("N0", Inv),20}{rates[rates.Count / 2].ToString("N0", Inv),14}");
        }

        return 0;
    }

    /// <summary>
    /// Nanoseconds per <see cref="WorldState.Fingerprint"/> of a state half-way through each fault-free
    /// run, the best of 15 rounds (the best round is the one least disturbed by other work on the machine).
    /// Timed by the process's CPU time, not the wall clock, so a busy shared machine that takes the CPU
    /// away between rounds does not count against it. "From the lists" is the same state rebuilt from
    /// bare lists (as a state built by hand is), whose nodes walk their lists instead of taking the
    /// fingerprint the simulator kept of them.
    /// </summary>
    public static int Fingerprints()
    {
        Console.WriteLine($"{"workload",-28}{"CPU ns/fingerprint (best of 15)",32}{"from the lists",16}{"CPU ns/State()",16}");
        var process = Process.GetCurrentProcess();
        double CpuNanoseconds()
        {
            process.Refresh();
            return process.TotalProcessorTime.TotalNanoseconds;
        }

        // Calibration: a chain of dependent multiply-adds costs 4 cycles each on any recent x64, so
        // this line says how fast the CPU is running for us (0.8 to 1.3 ns on an idle 3 to 5 GHz core).
        var calibration = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var start = CpuNanoseconds();
            var x = (ulong)round;
            for (var i = 0; i < 20_000_000; i++)
            {
                x = (x * 0x9E3779B97F4A7C15UL) + 1;
            }

            calibration = Math.Min(calibration, (CpuNanoseconds() - start) / 20_000_000);
            if (x == 42)
            {
                Console.Write(' ');
            }
        }

        Console.WriteLine($"{"(reference: one dependent multiply-add)",-28}{calibration.ToString("0.00", Inv),4}");
        foreach (var (protocol, n) in new[] { (ProtocolKind.TwoPhase, 3), (ProtocolKind.TwoPhase, 9), (ProtocolKind.ThreePhase, 3), (ProtocolKind.ThreePhase, 9) })
        {
            var scenario = Workloads.FaultFree(protocol, n);
            var sim = Simulator.Create(scenario);
            sim.RunUntilEvent(Simulator.Create(scenario).RunToEnd().Events / 2);
            var state = sim.State();
            var bare = FingerprintBenchmark.Bare(state);
            const int perRound = 200_000;
            var best = double.MaxValue;
            var bestBare = double.MaxValue;
            var bestBuild = double.MaxValue;
            ulong sink = 0;
            for (var round = 0; round < 15; round++)
            {
                var start = CpuNanoseconds();
                for (var i = 0; i < perRound; i++)
                {
                    sink ^= state.Fingerprint();
                }

                best = Math.Min(best, (CpuNanoseconds() - start) / perRound);
                start = CpuNanoseconds();
                for (var i = 0; i < perRound; i++)
                {
                    sink ^= bare.Fingerprint();
                }

                bestBare = Math.Min(bestBare, (CpuNanoseconds() - start) / perRound);
                start = CpuNanoseconds();
                for (var i = 0; i < perRound / 20; i++)
                {
                    sink ^= (ulong)sim.State().Nodes.Count;
                }

                bestBuild = Math.Min(bestBuild, (CpuNanoseconds() - start) / (perRound / 20));
            }

            Console.WriteLine($"{$"{Names.Of(protocol)} n={n}",-28}{best.ToString("0.0", Inv),32}{bestBare.ToString("0.0", Inv),16}{bestBuild.ToString("0", Inv),16}{(sink == 42 ? " " : "")}");
        }

        return 0;
    }

    public static int ListWorkloads()
    {
        ImmutableArray<(string Name, Scenario Scenario)> workloads =
        [
            ("2pc n=3 fault-free", Workloads.FaultFree(ProtocolKind.TwoPhase, 3)),
            ("2pc n=9 fault-free", Workloads.FaultFree(ProtocolKind.TwoPhase, 9)),
            ("3pc n=3 fault-free", Workloads.FaultFree(ProtocolKind.ThreePhase, 3)),
            ("3pc n=9 fault-free", Workloads.FaultFree(ProtocolKind.ThreePhase, 9)),
            ("2pc n=3 blocked to t=100k", Workloads.BlockedTwoPhase(3)),
            ("2pc n=9 blocked to t=100k", Workloads.BlockedTwoPhase(9)),
            ("replay (3pc n=9, 3 faults)", Workloads.Replay()),
        ];
        Console.WriteLine($"{"workload",-28}{"events",8}{"trace",8}{"sent",8}{"ticks",8}  outcome  trace hash");
        foreach (var (name, scenario) in workloads)
        {
            var sim = Simulator.Create(scenario);
            var run = sim.RunToEnd();
            Console.WriteLine($"{name,-28}{run.Events,8}{sim.Trace.Count,8}{run.Messages.Sent,8}{run.Ticks,8}  {run.Outcome,-8} {run.TraceHash}");
        }

        foreach (var detector in new[] { DetectorKind.Timeout, DetectorKind.Perfect })
        {
            long events = 0;
            for (var i = 0; i < FuzzThroughput.Batch; i++)
            {
                events += Simulator.Create(Workloads.Fuzz(Workloads.FuzzBase(detector), Workloads.FuzzSeed + (ulong)i, Workloads.AllFaultKinds)).RunToEnd().Events;
            }

            Console.WriteLine($"fuzz batch ({Names.Of(detector)}, {FuzzThroughput.Batch} seeds){"",-2}{events,8} events, {(events / (double)FuzzThroughput.Batch).ToString("0.0", Inv)} per run");
        }

        return 0;
    }
}
