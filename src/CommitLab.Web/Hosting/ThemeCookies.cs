namespace CommitLab.Web.Hosting;

/// <summary>
/// The colour scheme a page opens in, from two cookies that wwwroot/js/theme.js writes: the scheme a
/// visitor picked with the app bar's toggle, and the scheme their system prefers (refreshed on
/// every page load). Knowing it on the server lets the first paint already be in the right scheme.
/// </summary>
public static class ThemeCookies
{
    /// <summary>"light" or "dark" once a visitor has picked one; absent means "follow the system".</summary>
    public const string ChoiceCookie = "commitlab-theme";

    /// <summary>"light" or "dark": what prefers-color-scheme said on the visitor's last page load.</summary>
    public const string SystemCookie = "commitlab-system-theme";

    /// <summary>Dark, light, or null when neither cookie is there yet (a first visit).</summary>
    public static bool? IsDark(string? choice, string? system) => Parse(choice) ?? Parse(system);

    /// <summary>The same decision straight from a request.</summary>
    public static bool? IsDark(IRequestCookieCollection cookies)
    {
        ArgumentNullException.ThrowIfNull(cookies);
        return IsDark(cookies[ChoiceCookie], cookies[SystemCookie]);
    }

    // Anything else (a hand-edited cookie) counts as absent rather than as an error.
    private static bool? Parse(string? value) => value switch
    {
        "dark" => true,
        "light" => false,
        _ => null,
    };
}
