namespace CommitLab.Web.Components.Layout;

/// <summary>One entry of the main navigation: where it goes and what it says.</summary>
public sealed record SiteSection(string Href, string Label);

/// <summary>
/// The app bar's sections and which of them the visitor is in, so the current one is marked for
/// sighted users and screen readers alike (aria-current).
/// </summary>
public static class SiteNavigation
{
    public static IReadOnlyList<SiteSection> Sections { get; } =
    [
        new("lab", "Lab"),
        new("lessons", "Lessons"),
        new("builder", "Builder"),
        new("explore", "Explore"),
        new("generals", "Two generals"),
        new("classroom", "Classroom"),
    ];

    /// <summary>
    /// Whether a base-relative address (as NavigationManager.ToBaseRelativePath gives it) lies in a
    /// section: the section itself or a page under it, whatever the query says.
    /// </summary>
    public static bool IsCurrent(string relativeUri, SiteSection section)
    {
        ArgumentNullException.ThrowIfNull(relativeUri);
        ArgumentNullException.ThrowIfNull(section);
        var path = relativeUri.Split('?', '#')[0];
        return path.Equals(section.Href, StringComparison.OrdinalIgnoreCase)
            || path.StartsWith(section.Href + "/", StringComparison.OrdinalIgnoreCase);
    }
}
