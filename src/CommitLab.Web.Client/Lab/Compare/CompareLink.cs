namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// The address of the comparison page for a packed recording (see <c>ShareLink.Pack</c>), in the same
/// form as the Lab's own links, so the Lab hands its run, settings and faults over whole.
/// </summary>
public static class CompareLink
{
    public const string Path = "/lab/compare";

    /// <summary>The comparison of a packed run.</summary>
    public static string For(string packed, CompareMode mode = CompareMode.Protocols)
    {
        ArgumentNullException.ThrowIfNull(packed);
        return $"{Path}?run={packed}" + (mode == CompareMode.Protocols ? "" : $"&mode={CompareModes.QueryValue(mode)}");
    }
}
