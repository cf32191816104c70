namespace CommitLab.Web.Lab;

/// <summary>
/// The projector view of a run (the Lab and the instructor's console): narration and side panels
/// hidden, the network and the space-time diagram filling the screen, so the back row reads the run
/// itself. It is part of the address (<c>?view=projector</c>), so a reload or a bookmarked link on
/// the lecture-hall machine opens it again; <see cref="Key"/> toggles it from the keyboard. It is
/// the one view for a lecture hall: the Lab's older presenter mode was merged into it, and that
/// mode's links (<see cref="OldQueryName"/>) open it.
/// </summary>
public static class ProjectorView
{
    public const string QueryName = "view";

    public const string QueryValue = "projector";

    /// <summary>
    /// The query name of the Lab's old presenter mode (<c>?presenter=true</c>): such a link opens the
    /// projector view, and the page then writes <c>view=projector</c> into the address instead.
    /// </summary>
    public const string OldQueryName = "presenter";

    /// <summary>The shortcut that toggles the view (no fault shortcut uses it).</summary>
    public const string Key = "p";

    /// <summary>
    /// Whether a link's view= value asks for the projector view. Absent or "normal" is the usual page;
    /// anything else is the usual page with a note saying the value was ignored.
    /// </summary>
    public static bool Read(string? text, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || value.Equals("normal", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (value.Equals(QueryValue, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        notes.Add($"The link's {QueryName}= value is not '{QueryValue}', so the usual view opened.");
        return false;
    }

    /// <summary>The query suffix a link carries for the view ("" for the usual view).</summary>
    public static string Suffix(bool projector) => projector ? $"&{QueryName}={QueryValue}" : "";

    /// <summary>The toggle button's words.</summary>
    public static string ToggleLabel(bool projector) => projector ? "Leave projector view" : "Projector view";
}
