namespace CommitLab.Engine.Tests.Scenarios;

/// <summary>Finds files of the repository from a test's output folder, wherever the test runs from.</summary>
internal static class RepoFiles
{
    /// <summary>The folder holding CommitLab.sln, found by walking up from the test assembly.</summary>
    public static string Root { get; } = FindRoot();

    public static string LessonScenarios => Path.Combine(Root, "lessons", "scenarios");

    /// <summary>
    /// Every 2PC/3PC lesson scenario file, as xunit theory data (the file name relative to
    /// lessons/scenarios). Tahoe-LAFS files run on the same simulator but are judged in their own terms, so they have their own tests.
    /// </summary>
    public static TheoryData<string> LessonScenarioNames() => Names(tahoe: false);

    /// <summary>Every Tahoe-LAFS scenario file (<c>protocol: tahoe</c>) in lessons/scenarios.</summary>
    public static TheoryData<string> TahoeScenarioNames() => Names(tahoe: true);

    /// <summary>Every scenario file in lessons/scenarios, whatever its protocol.</summary>
    public static TheoryData<string> AllScenarioNames() => Names(tahoe: null);

    private static TheoryData<string> Names(bool? tahoe)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(LessonScenarios, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (tahoe is null || Engine.Protocols.Names.IsTahoe(Engine.Scenarios.ScenarioParser.ParseFile(file).Protocol) == tahoe)
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommitLab.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CommitLab.sln above {AppContext.BaseDirectory}.");
    }
}
