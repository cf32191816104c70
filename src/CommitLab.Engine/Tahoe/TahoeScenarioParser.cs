using System.Text;
using System.Text.RegularExpressions;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Tahoe-LAFS scenario files: the ones whose top level says <c>protocol: tahoe-2pc</c> (or
/// tahoe-uncoordinated, tahoe-magic-folder). <see cref="ScenarioParser"/> reads them; this only sorts
/// files and hands the Tahoe view to callers that still take a <see cref="TahoeScenario"/>.
/// </summary>
public static partial class TahoeScenarioParser
{
    /// <summary>
    /// Whether YAML text is a Tahoe scenario: a top-level <c>protocol: tahoe-...</c> line. A line test, not
    /// a parse, so every consumer of lessons/scenarios can sort files cheaply before reading them.
    /// </summary>
    public static bool IsTahoe(string yaml) => yaml is not null && TahoeLine().IsMatch(yaml);

    public static bool IsTahoeFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= ScenarioParser.MaxBytes && IsTahoe(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static TahoeScenario ParseFile(string path) => TahoeScenario.From(ScenarioParser.ParseFile(path), path);

    /// <summary>Reads a Tahoe file through the one <see cref="ScenarioParser"/>; the Tahoe view of the scenario is for callers not yet on <see cref="Scenario"/>.</summary>
    public static TahoeScenario Parse(string yaml, string fileName) => TahoeScenario.From(ScenarioParser.Parse(yaml, fileName), fileName);

    [GeneratedRegex(@"^protocol:[ \t]*[""']?tahoe-(2pc|uncoordinated|magic-folder)[""']?[ \t]*(#.*)?\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex TahoeLine();
}
