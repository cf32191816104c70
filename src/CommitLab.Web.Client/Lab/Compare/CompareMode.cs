namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// What the two sides of a comparison differ in; everything else (participants, votes, latencies,
/// seed, faults) is the same run's. The lecture's two questions: what does the third phase buy, and
/// what does it cost when the failure detector can be wrong.
/// </summary>
public enum CompareMode
{
    /// <summary>2PC on the left, 3PC on the right, both with the run's own failure detector.</summary>
    Protocols,

    /// <summary>3PC with a perfect failure detector on the left, with a timeout detector on the right.</summary>
    Detectors,
}

/// <summary>The modes as the page's choice and its address name them.</summary>
public static class CompareModes
{
    /// <summary>The address's <c>mode=</c> value.</summary>
    public static string QueryValue(CompareMode mode) => mode == CompareMode.Detectors ? "detectors" : "protocols";

    /// <summary>Reads <c>mode=</c>: absent is the default; anything else unknown is the default with a note for the reader.</summary>
    public static CompareMode Read(string? text, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "protocols":
                return CompareMode.Protocols;
            case "detectors":
                return CompareMode.Detectors;
            default:
                notes.Add("The link's mode= value is neither 'protocols' nor 'detectors', so it shows 2PC beside 3PC.");
                return CompareMode.Protocols;
        }
    }

    public static string Label(CompareMode mode) => mode == CompareMode.Detectors
        ? "3PC: perfect vs timeout failure detector"
        : "2PC vs 3PC";
}
