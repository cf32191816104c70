using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using Xunit.Abstractions;

namespace CommitLab.Engine.Tests.Scenarios;

/// <summary>
/// A seeded mutation fuzz of the scenario reader over damaged copies of the shipped scenario files, Tahoe-LAFS ones included.
/// Whatever a student types or a link carries, the reader either accepts it or refuses it with its own
/// error at a line of the input; it never throws anything else and never hangs.
/// </summary>
public sealed class ScenarioReaderFuzzTests(ITestOutputHelper output)
{
    private const int Inputs = 3_000;

    /// <summary>Far above the slowest input (about 1 s cold, with the JIT, and 65 ms warm on two busy cores): only a hang trips it.</summary>
    private static readonly TimeSpan PerInput = TimeSpan.FromSeconds(10);

    private static string[] ShippedFiles() =>
        [.. Directory.GetFiles(RepoFiles.LessonScenarios, "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    /// <summary>Reads the input as the app does, and starts a run of it.</summary>
    private static bool Read(string yaml) => Accepts(yaml, text => Simulator.Create(ScenarioParser.Parse(text, "fuzz.yaml")));

    private static bool IsTahoe(string yaml) => yaml.Contains("\nprotocol: tahoe-", StringComparison.Ordinal);

    private static bool Accepts(string yaml, Action<string> read)
    {
        try
        {
            read(yaml);
            return true;
        }
        catch (ScenarioException e)
        {
            MutationFuzz.AssertPlaced(e, yaml);
            return false;
        }
    }

    [Fact]
    public void Mutated_scenario_files_are_read_or_refused_at_a_line_never_crash_or_hang()
    {
        var corpus = ShippedFiles();
        Assert.Contains(corpus, IsTahoe);
        Assert.Contains(corpus, yaml => !IsTahoe(yaml));
        output.WriteLine($"seed {MutationFuzz.Seed}");

        var tally = MutationFuzz.Run(MutationFuzz.Seed, Inputs, corpus, YamlMutator.Mutate, Read, PerInput);

        output.WriteLine(tally.ToString());
        // Both outcomes must be common, or the mutations are too gentle or too destructive to test anything.
        Assert.InRange(tally.Accepted, Inputs / 20, Inputs - (Inputs / 20));
    }

    /// <summary>
    /// The inputs of the report: an unclosed '[' before a 'key: value' line (the parser library threw
    /// InvalidOperationException, which escaped the reader), in either format, and a fault line missing
    /// its closing '}' before the next fault.
    /// </summary>
    [Theory]
    [InlineData("x: [\ny: z\n", 2)]
    [InlineData("protocol: 2pc\nparticipants: 3\nfaults:\n  - { at: 5, do: \"crash L\"\n  - { at: 9, do: \"recover L\" }\n", 5)]
    [InlineData("protocol: tahoe\nmode: 2pc\nfaults: [\nwriters: 2\n", 4)]
    public void Yaml_the_parser_library_chokes_on_is_an_error_at_a_line(string yaml, int line)
    {
        var error = Assert.Single(Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "bad.yaml")).Errors);

        Assert.Equal(("bad.yaml", line), (error.File, error.Line));
        Assert.Contains("not valid YAML", error.Message, StringComparison.Ordinal);
    }
}
