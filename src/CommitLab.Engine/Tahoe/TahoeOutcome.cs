namespace CommitLab.Engine.Tahoe;

/// <summary>
/// How a Tahoe run ended, checked in this order: <c>lost-update</c> (a writer was told its update
/// succeeded, but the file a reader gets does not contain it); <c>mixed-versions</c> (live servers
/// hold different versions); <c>conflict-visible</c> (magic folder: the reader shows two concurrent
/// edits side by side); <c>undecided</c> (a writer had not finished when the run stopped);
/// <c>clean-abort</c> (a writer was told "no can do" and gave up); else <c>committed</c>: every
/// writer's update is in the file and every live server agrees.
/// </summary>
public enum TahoeOutcome
{
    Committed,
    LostUpdate,
    MixedVersions,
    ConflictVisible,
    CleanAbort,
    Undecided,
}

public static class TahoeOutcomes
{
    public static string Name(TahoeOutcome outcome) => outcome switch
    {
        TahoeOutcome.Committed => "committed",
        TahoeOutcome.LostUpdate => "lost-update",
        TahoeOutcome.MixedVersions => "mixed-versions",
        TahoeOutcome.ConflictVisible => "conflict-visible",
        TahoeOutcome.CleanAbort => "clean-abort",
        _ => "undecided",
    };

    public static string[] Names => [.. Enum.GetValues<TahoeOutcome>().Select(Name)];

    public static TahoeOutcome? Parse(string text) =>
        Enum.GetValues<TahoeOutcome>().Where(o => Name(o).Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)).Select(o => (TahoeOutcome?)o).FirstOrDefault();
}
