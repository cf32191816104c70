using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using CommitLab.Engine.Exploration;

namespace CommitLab.Benchmarks;

/// <summary>
/// <c>explore [--from 5] [--to 9] [--threads N] [--repeat K]</c>: the explorer on Lamport's TwoPhase
/// spec for each RM count, with distinct states (checked against TLC's), transitions, seconds,
/// states per second and memory. Each count runs in this process after one warm-up on 5 RMs; the
/// process's peak working set only grows, so the largest model's figure is the one that counts.
/// </summary>
public static class ExplorerFigures
{
    /// <summary>The targets the issue sets for 9 RMs on the 2-core machine.</summary>
    public const double TargetSeconds = 6.0;

    public const long TargetBytes = 1L << 30;

    /// <summary>TLC's distinct-state counts for TwoPhase (tlaplus/Examples and the issue); 7 and 8 were pinned by this explorer against the same spec.</summary>
    private static readonly Dictionary<int, long> TlcStates = new() { [3] = 288, [5] = 8_832, [6] = 50_816, [9] = 10_340_352 };

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        int from = 5, to = 9, threads = Environment.ProcessorCount, repeat = 1;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--from": from = int.Parse(args[i + 1], Inv); break;
                case "--to": to = int.Parse(args[i + 1], Inv); break;
                case "--threads": threads = int.Parse(args[i + 1], Inv); break;
                case "--repeat": repeat = int.Parse(args[i + 1], Inv); break;
                default: Console.Error.WriteLine($"explore: unknown option {args[i]}"); return 2;
            }
        }

        Console.WriteLine($"explore: TwoPhase.tla, {from} to {to} RMs, {threads} threads; .NET {Environment.Version}, {Environment.ProcessorCount} cores, {(GCSettings.IsServerGC ? "server" : "workstation")} GC");
        Console.WriteLine($"load average before: {LoadAverage()}");
        Explorer.Explore(new TwoPhaseTla(5), new ExplorerOptions { Parallelism = threads });
        Console.WriteLine($"{"RMs",4}{"distinct",13}{"transitions",14}{"depth",7}{"seconds",9}{"states/s",12}{"CPU s",8}{"table MB",10}{"peak WS MB",12}");
        var failed = false;
        for (var rms = from; rms <= to; rms++)
        {
            for (var pass = 0; pass < repeat; pass++)
            {
                // The last search's tables are garbage by now; collect them so runs do not stack up in the working set.
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var result = Explorer.Explore(new TwoPhaseTla(rms), new ExplorerOptions { Parallelism = threads });
                var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
                var peak = Process.GetCurrentProcess().PeakWorkingSet64;
                var expected = TlcStates.GetValueOrDefault(rms, result.DistinctStates);
                failed |= expected != result.DistinctStates || result.AnyViolated;
                Console.WriteLine(
                    $"{rms,4}{result.DistinctStates.ToString("N0", Inv),13}{result.Transitions.ToString("N0", Inv),14}{result.Depth,7}" +
                    $"{result.Elapsed.TotalSeconds.ToString("0.000", Inv),9}{result.StatesPerSecond.ToString("N0", Inv),12}{cpu.TotalSeconds.ToString("0.00", Inv),8}" +
                    $"{(result.PeakBytes / 1048576.0).ToString("N0", Inv),10}{(peak / 1048576.0).ToString("N0", Inv),12}" +
                    (expected != result.DistinctStates ? $"  WRONG: TLC has {expected:N0}" : ""));
                if (rms == 9)
                {
                    Console.WriteLine($"  target     9 RMs in < {TargetSeconds.ToString("0", Inv)} s and < 1 GB: {(result.Elapsed.TotalSeconds < TargetSeconds ? "time met" : "time MISSED")}, {(peak < TargetBytes ? "memory met" : "memory MISSED")}");
                }
            }
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return failed ? 1 : 0;
    }

    /// <summary>The machine is shared; a figure means little without how busy it was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
