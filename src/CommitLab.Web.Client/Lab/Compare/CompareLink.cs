namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// The address of the comparison page for a packed recording (see <c>ShareLink.Pack</c>), in the same
/// form as the Lab's own links, so the Lab hands its run, settings and faults over whole.
/// </summary>
public static class CompareLink
{
    public const string Path = "/lab/compare";

    /// <summary>The comparison of a packed run; a run too long for a link opens the comparison of the default run.</summary>
    public static string For(string? packed, CompareMode mode = CompareMode.Protocols)
    {
        var modePart = mode == CompareMode.Protocols ? "" : $"mode={CompareModes.QueryValue(mode)}";
        return packed is null
            ? modePart.Length == 0 ? Path : $"{Path}?{modePart}"
            : $"{Path}?run={packed}" + (modePart.Length == 0 ? "" : "&" + modePart);
    }
}
