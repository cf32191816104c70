using System.Diagnostics;
using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Benchmarks;

/// <summary>
/// <c>spin WORKLOAD [seconds]</c>: runs one workload whole, again and again, for a sampling profiler to
/// attach to (on Linux: <c>DOTNET_PerfMapEnabled=1 perf record -g dotnet ... spin 3pc3 10</c>, then
/// <c>perf report</c>). Nothing else runs in the loop, so every sample is the engine's. A third
/// argument <c>recycled</c> runs <c>Simulator.Run</c>, which reuses the memory of the run before.
/// </summary>
public static class ProfileLoop
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || Workload(args[0]) is not { } scenario)
        {
            Console.Error.WriteLine("usage: spin 3pc3|2pc9|blocked|3pc9 [seconds] [recycled]");
            return 2;
        }

        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var recycled = args.Length > 2 && args[2] == "recycled";
        long events = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            events += recycled ? Simulator.Run(scenario).Events : Simulator.Create(scenario).RunToEnd().Events;
        }

        Console.WriteLine($"{events.ToString("N0", CultureInfo.InvariantCulture)} events in {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        return 0;
    }

    /// <summary>The floor comparison's workloads by short name.</summary>
    public static Scenario? Workload(string name) => name switch
    {
        "3pc3" => Workloads.FaultFree(ProtocolKind.ThreePhase, 3),
        "3pc9" => Workloads.FaultFree(ProtocolKind.ThreePhase, 9),
        "2pc9" => Workloads.FaultFree(ProtocolKind.TwoPhase, 9),
        "blocked" => Workloads.BlockedTwoPhase(3),
        _ => null,
    };
}
