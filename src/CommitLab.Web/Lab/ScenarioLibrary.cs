using System.Collections.Immutable;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Lab;

/// <summary>A scenario file the Lab offers in its picker.</summary>
public sealed record LibraryScenario(string Name, string Title, string Description, Scenario Scenario);

/// <summary>
/// The scenario files shipped in <c>lessons/scenarios/</c> (copied next to the app on build and
/// publish). Read once at start-up: a broken file is reported in the log and left out, never shown.
/// </summary>
public sealed class ScenarioLibrary
{
    public ScenarioLibrary(string folder, ILogger<ScenarioLibrary>? log = null)
    {
        var found = ImmutableArray.CreateBuilder<LibraryScenario>();
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
            {
                try
                {
                    var description = string.Join(' ', File.ReadLines(path).TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#', ' ')));
                    // One parser for every protocol: a Tahoe-LAFS file is a scenario like any other.
                    var scenario = ScenarioParser.ParseFile(path);
                    found.Add(new LibraryScenario(Path.GetFileNameWithoutExtension(path), scenario.Title, description, scenario));
                }
                catch (ScenarioException e)
                {
                    log?.LogError("Scenario {Path} is broken and left out: {Error}", path, e.Message);
                }
            }
        }
        else
        {
            log?.LogWarning("No scenario folder at {Folder}", folder);
        }

        Scenarios = found.ToImmutable();
    }

    /// <summary>Every scenario the pages play: 2PC, 3PC, Paxos Commit and Tahoe-LAFS alike.</summary>
    public ImmutableArray<LibraryScenario> Scenarios { get; }

    public LibraryScenario? Find(string name) => Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Where the app finds the shipped scenarios: next to the binaries (build and publish copy them there).</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "lessons", "scenarios");
}
