using System.Collections.Immutable;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Web.Lab;

/// <summary>A scenario file the Lab offers in its picker.</summary>
public sealed record LibraryScenario(string Name, string Title, string Description, Scenario Scenario);

/// <summary>A Tahoe-LAFS scenario file (<c>protocol: tahoe</c>): several writers on one mutable file.</summary>
public sealed record LibraryTahoeScenario(string Name, string Title, string Description, TahoeScenario Scenario);

/// <summary>
/// The scenario files shipped in <c>lessons/scenarios/</c> (copied next to the app on build and
/// publish). Read once at start-up: a broken file is reported in the log and left out, never shown.
/// </summary>
public sealed class ScenarioLibrary
{
    public ScenarioLibrary(string folder, ILogger<ScenarioLibrary>? log = null)
    {
        var found = ImmutableArray.CreateBuilder<LibraryScenario>();
        var tahoe = ImmutableArray.CreateBuilder<LibraryTahoeScenario>();
        if (Directory.Exists(folder))
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
            {
                try
                {
                    var description = string.Join(' ', File.ReadLines(path).TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#', ' ')));
                    if (TahoeScenarioParser.IsTahoeFile(path))
                    {
                        var model = TahoeScenarioParser.ParseFile(path);
                        tahoe.Add(new LibraryTahoeScenario(Path.GetFileNameWithoutExtension(path), model.Title, description, model));

                        // Every page plays a Tahoe scenario as it plays any other: on the one simulator.
                        found.Add(new LibraryScenario(Path.GetFileNameWithoutExtension(path), model.Title, description, model.ToScenario()));
                        continue;
                    }

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
        TahoeScenarios = tahoe.ToImmutable();
    }

    /// <summary>Every scenario the pages play: 2PC, 3PC, Paxos Commit and Tahoe-LAFS alike.</summary>
    public ImmutableArray<LibraryScenario> Scenarios { get; }

    /// <summary>The Tahoe-LAFS scenarios as their own files describe them (writers, servers, mode), for what still reads them that way (lessons' checks, the CLI's tests).</summary>
    public ImmutableArray<LibraryTahoeScenario> TahoeScenarios { get; }

    public LibraryScenario? Find(string name) => Scenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    public LibraryTahoeScenario? FindTahoe(string name) => TahoeScenarios.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The shipped scenario for a Tahoe mode (<c>tahoe-2pc</c>, ...), when there is one.</summary>
    public LibraryTahoeScenario? TahoeFor(TahoeMode mode) => FindTahoe("tahoe-" + TahoeModes.Name(mode));

    /// <summary>Where the app finds the shipped scenarios: next to the binaries (build and publish copy them there).</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "lessons", "scenarios");
}
