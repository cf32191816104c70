using CommitLab.Web.Lab;

namespace CommitLab.Cluster.Tests;

/// <summary>The scenario files shipped in the repository, found from the test binaries upwards.</summary>
public static class RepositoryScenarios
{
    public static string Folder { get; } = Find();

    public static LibraryScenario Scenario(string name) =>
        new ScenarioLibrary(Folder).Find(name) ?? throw new InvalidOperationException($"no scenario {name} in lessons/scenarios");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommitLab.sln")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new InvalidOperationException("CommitLab.sln not found above the test binaries")
            : Path.Combine(dir.FullName, "lessons", "scenarios");
    }
}
