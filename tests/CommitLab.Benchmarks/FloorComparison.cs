using System.Diagnostics;
using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// <c>floor [rounds]</c>: the engine against the floor (<see cref="FloorLoop"/>) for the same run size,
/// side by side in one process. Timed by the process's CPU time, in alternating rounds (floor, engine,
/// floor, ...), so a shared, loaded machine disturbs both alike; the best round of each is reported,
/// with the median beside it. Also the engine's bytes allocated per event and the share of a run spent
/// in <see cref="Engine.Tracing.Trace.Hash"/>. The engine is measured two ways: runs of their own
/// (<c>Simulator.Create(s).RunToEnd()</c>, what the Lab and a replay do) and runs that reuse the memory
/// of the one before (<c>Simulator.Run(s)</c>, what a batch that only needs results can do).
/// </summary>
public static class FloorComparison
{
    private const double RoundCpuSeconds = 0.2;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], Inv) : 8;
        // An optional second argument picks workloads by their short names (3pc3,2pc9,blocked), for a quick look at one.
        var only = args.Length > 1 ? args[1].Split(',') : null;
        (string Short, string Name, Scenario Scenario)[] all =
        [
            ("3pc3", "3pc n=3 fault-free", Workloads.FaultFree(ProtocolKind.ThreePhase, 3)),
            ("2pc9", "2pc n=9 fault-free", Workloads.FaultFree(ProtocolKind.TwoPhase, 9)),
            ("blocked", "2pc n=3 blocked to t=100k", Workloads.BlockedTwoPhase(3)),
        ];
        var workloads = all.Where(w => only is null || only.Contains(w.Short)).Select(w => (w.Name, w.Scenario)).ToArray();
        Console.WriteLine($".NET {Environment.Version}, {Environment.ProcessorCount} cores, single thread, CPU time, {rounds} alternating rounds of {RoundCpuSeconds.ToString("0.0#", Inv)} CPU-s each (2 more to warm up), load average {LoadAverage()}");
        Console.WriteLine($"{"workload, engine side",-40}{"ev/run",7}{"nodes",6}{"floor ev/CPU-s",16}{"engine ev/CPU-s",17}{"ratio",7}{"  (median",10}{"floor",12}{"engine",12}{"ratio)",7}{"B/event",9}{"hash %",8}");
        foreach (var (name, scenario) in workloads)
        {
            var probe = Simulator.Create(scenario);
            var eventsPerRun = probe.RunToEnd().Events;
            var floor = new FloorLoop((int)eventsPerRun, probe.NodeNames.Length);
            var floorRates = new List<double>();
            var createRates = new List<double>();
            var recycledRates = new List<double>();
            for (var round = 0; round < rounds + 2; round++)
            {
                var f = Rate(() => floor.Run());
                var c = Rate(() => Simulator.Create(scenario).RunToEnd().Events);
                var r = Rate(() => Simulator.Run(scenario).Events);
                if (round >= 2)
                {
                    floorRates.Add(f);
                    createRates.Add(c);
                    recycledRates.Add(r);
                }
            }

            floorRates.Sort();
            createRates.Sort();
            recycledRates.Sort();
            Func<Scenario, long> own = s => Simulator.Create(s).RunToEnd().Events;
            Func<Scenario, long> reused = s => Simulator.Run(s).Events;
            foreach (var (how, rates, run) in new[] { ("Create+RunToEnd", createRates, own), ("Run (recycled)", recycledRates, reused) })
            {
                var (bytesPerEvent, hashShare) = AllocationAndHash(scenario, eventsPerRun, run);
                double bestF = floorRates[^1], bestE = rates[^1], medF = floorRates[rounds / 2], medE = rates[rounds / 2];
                Console.WriteLine(
                    $"{name + ", " + how,-40}{eventsPerRun,7}{floor.Nodes,6}{bestF.ToString("N0", Inv),16}{bestE.ToString("N0", Inv),17}{(bestF / bestE).ToString("0.0", Inv),6}x" +
                    $"{"",10}{medF.ToString("N0", Inv),12}{medE.ToString("N0", Inv),12}{(medF / medE).ToString("0.0", Inv),6}x{bytesPerEvent.ToString("0", Inv),9}{(100 * hashShare).ToString("0.0", Inv),7}%");
            }

            var (create, steps, finish) = AllocationSplit(scenario, eventsPerRun);
            Console.WriteLine($"{"",40}Create+RunToEnd bytes per run: create {create.ToString("N0", Inv)}, events but the last {steps.ToString("N0", Inv)}, last event + result + hash {finish.ToString("N0", Inv)}");
        }

        return 0;
    }

    /// <summary>Events per CPU-second of whole runs, over about <see cref="RoundCpuSeconds"/>.</summary>
    private static double Rate(Func<long> run)
    {
        long events = 0;
        var start = CpuSeconds();
        double spent;
        do
        {
            for (var i = 0; i < 20; i++)
            {
                events += run();
            }

            spent = CpuSeconds() - start;
        }
        while (spent < RoundCpuSeconds);

        return events / spent;
    }

    /// <summary>
    /// Bytes allocated per event over many whole runs (steady state: the JIT is warm by now), and the
    /// time of the trace hash over that of a whole run. The hash is timed on a trace never hashed before
    /// (a long trace keeps its running hash, so asking a finished run again would cost nothing): a run
    /// stepped to one event short of its end, whose first <see cref="Engine.Tracing.Trace.Hash"/> does
    /// all the work RunToEnd's does. One call is microseconds, too short for CPU time, so it is the
    /// fastest of many wall-clock timings, the one least disturbed by the machine's other work.
    /// </summary>
    private static (double BytesPerEvent, double HashShare) AllocationAndHash(Scenario scenario, long eventsPerRun, Func<Scenario, long> run)
    {
        var runs = Math.Max(10, 200_000 / eventsPerRun);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < runs; i++)
        {
            run(scenario);
        }

        var bytesPerEvent = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(runs * eventsPerRun);
        var runSeconds = eventsPerRun / Rate(() => run(scenario));
        var hashSeconds = double.MaxValue;
        for (var i = 0; i < Math.Max(20, 20_000 / eventsPerRun); i++)
        {
            var sim = Simulator.Create(scenario);
            sim.RunUntilEvent(eventsPerRun - 1);
            var clock = Stopwatch.StartNew();
            _ = sim.Trace.Hash();
            hashSeconds = Math.Min(hashSeconds, clock.Elapsed.TotalSeconds);
        }

        return (bytesPerEvent, hashSeconds / runSeconds);
    }

    /// <summary>Where a run's allocation goes: building it, its events but the last, and the last with the result and hash.</summary>
    private static (long Create, long Steps, long Finish) AllocationSplit(Scenario scenario, long eventsPerRun)
    {
        var a = GC.GetAllocatedBytesForCurrentThread();
        var sim = Simulator.Create(scenario);
        var b = GC.GetAllocatedBytesForCurrentThread();
        sim.RunUntilEvent(eventsPerRun - 1);
        var c = GC.GetAllocatedBytesForCurrentThread();
        sim.RunToEnd();
        var d = GC.GetAllocatedBytesForCurrentThread();
        return (b - a, c - b, d - c);
    }

    private static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}
