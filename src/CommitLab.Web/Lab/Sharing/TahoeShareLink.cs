using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Web.Lab.Sharing;

/// <summary>
/// A Tahoe-LAFS run in a URL. A library scenario nobody has touched travels by name with the cursor's
/// tick. Links made earlier carry the whole Tahoe scenario file (<c>tahoe=</c>, the same compressed
/// base64url payload as <see cref="ShareLink"/>); they still open, as a <see cref="Scenario"/> for the
/// one playback session. A forged link meets the parser's checks and bounds.
/// </summary>
public static class TahoeShareLink
{
    /// <summary>The Lab link to a library Tahoe run at <paramref name="tick"/>; null when the run is not one as shipped (its faults could not travel by name).</summary>
    public static string? Create(string? libraryName, int handFaults, long tick) =>
        libraryName is { Length: > 0 } && handFaults == 0 ? $"/lab?scenario={Uri.EscapeDataString(libraryName)}&t={tick}" : null;

    /// <summary>Reads the scenario of a <c>tahoe=</c> link. Throws <see cref="ScenarioException"/> with a readable message for a bad one.</summary>
    public static Scenario Read(string encoded) => TahoeScenarioParser.Parse(ShareLink.DecodeYaml(encoded, "tahoe"), "shared link").ToScenario();
}
