using System.Diagnostics;
using System.Globalization;
using CommitLab.Engine.Exploration;
using CommitLab.Engine.Exploration.Scenarios;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Benchmarks;

/// <summary>
/// <c>explore-scenarios [--threads N]</c>: the explorer on the engine's own 2PC and 3PC roles (the
/// scenario model), for the configurations the findings and the lesson use plus larger budgets:
/// distinct states, transitions, depth, seconds, states per second, CPU seconds and memory.
/// </summary>
public static class ExplorerScenarioFigures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly (string File, ExplorationBudgets Budgets)[] Configurations =
    [
        ("2pc-leader-crash-after-commit", new(Crashes: 1)),
        ("2pc-outcome-log", new(Crashes: 1)),
        ("3pc-leader-crash-before-precommit", new(Crashes: 1)),
        ("3pc-partition-timeout-detector", new(Cuts: 1)),
        ("2pc-leader-crash-after-commit", new(Crashes: 1, Recoveries: 1)),
        ("2pc-leader-crash-after-commit", new(Crashes: 1, Recoveries: 1, Drops: 1)),
        ("3pc-leader-crash-before-precommit", new(Crashes: 1, Recoveries: 1, Drops: 1)),
    ];

    public static int Run(string[] args)
    {
        var threads = args.Length == 2 && args[0] == "--threads" ? int.Parse(args[1], Inv) : Environment.ProcessorCount;
        var root = LabLoad.FindRepoRoot() ?? throw new InvalidOperationException("run from inside the repository (CommitLab.sln not found)");
        Console.WriteLine($"explore-scenarios: the engine's roles, {threads} threads; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"load average before: {LoadAverage()}");
        Console.WriteLine($"{"scenario",-36}{"budgets",-32}{"distinct",12}{"transitions",13}{"depth",7}{"seconds",9}{"states/s",10}{"CPU s",8}{"table MB",10}{"peak WS MB",12}");
        foreach (var (file, budgets) in Configurations)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var scenario = ScenarioParser.ParseFile(Path.Combine(root, "lessons", "scenarios", file + ".yaml"));
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var result = Explorer.Explore(ScenarioModel.Create(scenario, budgets), new ExplorerOptions { Parallelism = threads });
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine(
                $"{file,-36}{budgets.Describe(),-32}{result.DistinctStates.ToString("N0", Inv),12}{result.Transitions.ToString("N0", Inv),13}{result.Depth,7}" +
                $"{result.Elapsed.TotalSeconds.ToString("0.000", Inv),9}{result.StatesPerSecond.ToString("N0", Inv),10}{cpu.TotalSeconds.ToString("0.00", Inv),8}" +
                $"{(result.PeakBytes / 1048576.0).ToString("N0", Inv),10}{(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0).ToString("N0", Inv),12}");
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
