using System.Diagnostics;
using System.Globalization;
using CommitLab.Engine.Exploration;
using CommitLab.Engine.Exploration.Scenarios;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Benchmarks;

/// <summary>
/// <c>explore-scenarios [--threads N] [--only PREFIX] [--large [--max-states N]]</c>: the explorer on
/// the engine's own 2PC, 3PC and Paxos Commit roles (the scenario model), for the configurations the
/// findings and the lesson use plus larger budgets (<c>--only paxos</c> measures just the scenarios
/// whose file starts so): distinct states, transitions, depth, seconds, states per second, CPU
/// seconds and memory. <c>--large</c> runs only the space too large for a test, Paxos Commit with two
/// participants and L crashing at any moment, up to <c>--max-states</c> (default 20,000,000).
/// </summary>
public static class ExplorerScenarioFigures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Each file with its budgets, and a participant count to use instead of the file's (the Paxos Commit tests' one-vote space).</summary>
    private static readonly (string File, ExplorationBudgets Budgets, int? Participants)[] Configurations =
    [
        ("2pc-leader-crash-after-commit", new(Crashes: 1), null),
        ("2pc-outcome-log", new(Crashes: 1), null),
        ("3pc-leader-crash-before-precommit", new(Crashes: 1), null),
        ("3pc-partition-timeout-detector", new(Cuts: 1), null),
        ("2pc-leader-crash-after-commit", new(Crashes: 1, Recoveries: 1), null),
        ("2pc-leader-crash-after-commit", new(Crashes: 1, Recoveries: 1, Drops: 1), null),
        ("3pc-leader-crash-before-precommit", new(Crashes: 1, Recoveries: 1, Drops: 1), null),
        ("paxos-commit-happy-path", new(), null),
        ("paxos-commit-happy-path", new(Crashes: 1), 1),
        ("paxos-commit-happy-path", new(Crashes: 2), 1),
    ];

    /// <summary>Too large for a test: the engine tests pin a depth-bounded prefix of it (<c>PaxosCommitExplorationTests</c>).</summary>
    private static readonly (string File, ExplorationBudgets Budgets, int? Participants)[] Large =
    [
        ("paxos-commit-happy-path", new(Crashes: 1) { Crashable = ["L"] }, 2),
    ];

    /// <summary>The large space's figures as first measured (2026-12-06); a run that differs says so.</summary>
    private static readonly (long States, long Transitions, int Depth) LargeExpected = (4_810_904, 11_799_911, 57);

    public static int Run(string[] args)
    {
        var threads = Option(args, "--threads") is { } count ? int.Parse(count, Inv) : Environment.ProcessorCount;
        var only = Option(args, "--only") ?? "";
        var large = args.Contains("--large");
        var maxStates = Option(args, "--max-states") is { } limit ? long.Parse(limit, Inv) : ExplorerOptions.DefaultMaxStates;
        var root = LabLoad.FindRepoRoot() ?? throw new InvalidOperationException("run from inside the repository (CommitLab.sln not found)");
        Console.WriteLine($"explore-scenarios: the engine's roles, {threads} threads; .NET {Environment.Version}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"load average before: {LoadAverage()}");
        Console.WriteLine($"{"scenario",-36}{"budgets",-32}{"distinct",12}{"transitions",13}{"depth",7}{"seconds",9}{"states/s",10}{"CPU s",8}{"table MB",10}{"peak WS MB",12}");
        foreach (var (file, budgets, participants) in (large ? Large : Configurations).Where(c => c.File.StartsWith(only, StringComparison.Ordinal)))
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var scenario = ScenarioParser.ParseFile(Path.Combine(root, "lessons", "scenarios", file + ".yaml"));
            scenario = participants is { } n ? scenario with { Participants = n } : scenario;
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var result = Explorer.Explore(ScenarioModel.Create(scenario, budgets), new ExplorerOptions { Parallelism = threads, MaxStates = maxStates });
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            Console.WriteLine(
                $"{file + (participants is { } p ? $" (n={p})" : ""),-36}{budgets.Describe(),-32}{result.DistinctStates.ToString("N0", Inv),12}{result.Transitions.ToString("N0", Inv),13}{result.Depth,7}" +
                $"{result.Elapsed.TotalSeconds.ToString("0.000", Inv),9}{result.StatesPerSecond.ToString("N0", Inv),10}{cpu.TotalSeconds.ToString("0.00", Inv),8}" +
                $"{(result.PeakBytes / 1048576.0).ToString("N0", Inv),10}{(Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0).ToString("N0", Inv),12}");
            if (large && result.Complete)
            {
                var same = (result.DistinctStates, result.Transitions, result.Depth) == LargeExpected;
                Console.WriteLine($"  {(same ? "the same counts as first measured" : $"DIFFERENT from the first measurement {LargeExpected}")}");
            }

            Console.WriteLine($"  {(result.Complete ? "complete" : result.StopReason)}; verdicts: {string.Join(", ", result.Verdicts.Select(v => $"{v.Name} {v.Verdict}" + (v.Counterexample is { } path ? $" in {path.Length} steps" : "")))}");
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var at && at >= 0 && at + 1 < args.Length ? args[at + 1] : null;

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
