using System.Text;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;
using Microsoft.AspNetCore.WebUtilities;

namespace CommitLab.Web.Lab.Sharing;

/// <summary>
/// A Tahoe-LAFS run in a URL. A library scenario nobody has touched travels by name; anything else
/// (faults injected by hand, another mode, an imported file) travels whole, as the scenario file in
/// base64url, so the link replays exactly the same run. Either way the cursor's tick comes along.
/// Like <see cref="ShareLink"/>, it reuses the scenario format so a forged link meets the parser's
/// checks and bounds.
/// </summary>
public static class TahoeShareLink
{
    public static string Create(TahoeScenario scenario, string? libraryName, long tick)
    {
        if (libraryName is not null)
        {
            return $"/lab?scenario={Uri.EscapeDataString(libraryName)}&t={tick}";
        }

        var yaml = TahoeScenarioWriter.ToYaml(scenario);
        return $"/lab?tahoe={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(yaml))}&t={tick}";
    }

    /// <summary>Reads the scenario of a <c>tahoe=</c> link. Throws <see cref="ScenarioException"/> with a readable message for a bad one.</summary>
    public static TahoeScenario Read(string encoded) => TahoeScenarioParser.Parse(ShareLink.DecodeYaml(encoded, "tahoe"), "shared link");
}
