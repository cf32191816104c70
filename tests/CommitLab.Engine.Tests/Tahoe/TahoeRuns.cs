using System.Collections.Immutable;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>Shared setup for Tahoe tests: a two-writer, three-server collision in any mode.</summary>
internal static class TahoeRuns
{
    public static TahoeScenario Collision(TahoeMode mode, ulong seed = 3, long w2Start = 5) => new()
    {
        Title = "collision",
        Mode = mode,
        Writers = 2,
        Servers = 3,
        Seed = seed,
        Network = new NetworkSettings(10, 40, 0.0),
        Starts = ImmutableSortedDictionary<string, long>.Empty.Add("W1", 0).Add("W2", w2Start),
    };

    public static TahoeRunResult Run(TahoeScenario scenario) => TahoeSimulator.Create(scenario).RunToEnd();

    public static string Servers(TahoeRunResult result) => string.Join(" ", result.FinalVersions.Select(p => $"{p.Key}={p.Value}"));

    public static string Writers(TahoeRunResult result) => string.Join(" ", result.Writers.Select(p => $"{p.Key}={p.Value}"));

    public static TahoeScenario File(string name) => TahoeScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, name));
}
