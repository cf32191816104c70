using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Support;

/// <summary>Files shipped in the repository (lessons and scenarios), found from the test binaries upwards.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string ScenarioFolder => Path.Combine(Root, "lessons", "scenarios");

    public static ScenarioLibrary Scenarios { get; } = new(ScenarioFolder);

    public static LibraryScenario Scenario(string name) =>
        Scenarios.Find(name) ?? throw new InvalidOperationException($"no scenario {name} in lessons/scenarios");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "CommitLab.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CommitLab.sln not found above the test binaries");
    }
}
