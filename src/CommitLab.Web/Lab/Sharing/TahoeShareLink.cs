using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Web.Lab.Sharing;

/// <summary>
/// A Tahoe-LAFS run in a URL. A library scenario nobody has touched travels by name; anything else
/// (faults injected by hand, another mode, an imported file) travels whole, as the scenario file in
/// the same compressed base64url payload as <see cref="ShareLink"/>, so the link replays exactly the
/// same run. Either way the cursor's tick comes along. Reusing the scenario format means a forged
/// link meets the parser's checks and bounds.
/// </summary>
public static class TahoeShareLink
{
    /// <summary>The Lab link to this Tahoe run at <paramref name="tick"/>, or null when it would be too long to open.</summary>
    public static string? Create(TahoeScenario scenario, string? libraryName, long tick)
    {
        if (libraryName is not null)
        {
            return $"/lab?scenario={Uri.EscapeDataString(libraryName)}&t={tick}";
        }

        var payload = ShareLink.Encode(TahoeScenarioWriter.ToYaml(scenario));
        return payload.Length <= ShareLink.MaxPayloadLength ? $"/lab?tahoe={payload}&t={tick}" : null;
    }

    /// <summary>Reads the scenario of a <c>tahoe=</c> link. Throws <see cref="ScenarioException"/> with a readable message for a bad one.</summary>
    public static TahoeScenario Read(string encoded) => TahoeScenarioParser.Parse(ShareLink.DecodeYaml(encoded, "tahoe"), "shared link");
}
