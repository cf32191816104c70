namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// The address of the comparison page for a packed recording (see <c>ShareLink.Pack</c>), in the same
/// form as the Lab's own links, so the Lab hands its run, settings and faults over whole. Faults added
/// on the comparison itself travel as each side's packed recording (<see cref="LeftPart"/>,
/// <see cref="RightPart"/>), in the Lab's one encoding: a side's faults are its own (a dropped message
/// flies on one side only, and a fault is placed after so many of that side's events).
/// </summary>
public static class CompareLink
{
    public const string Path = "/lab/compare";

    /// <summary>The query part that carries the left side's recording when faults were added here.</summary>
    public const string LeftPart = "left";

    public const string RightPart = "right";

    /// <summary>The comparison of a packed run.</summary>
    public static string For(string packed, CompareMode mode = CompareMode.Protocols)
    {
        ArgumentNullException.ThrowIfNull(packed);
        return $"{Path}?run={packed}" + (mode == CompareMode.Protocols ? "" : $"&mode={CompareModes.QueryValue(mode)}");
    }

    /// <summary>
    /// The comparison of a packed run with each side's packed recording, for a side that has faults
    /// added here (null for a side without), opened at <paramref name="tick"/>.
    /// </summary>
    public static string For(string packed, CompareMode mode, string? left, string? right, long tick) =>
        For(packed, mode)
        + (left is null ? "" : $"&{LeftPart}={left}")
        + (right is null ? "" : $"&{RightPart}={right}")
        + (tick > 0 ? $"&t={tick}" : "");
}
