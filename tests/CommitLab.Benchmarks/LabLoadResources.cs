namespace CommitLab.Benchmarks;

/// <summary>
/// What each response of the Lab's first load is, for the breakdown <c>lab-load</c> prints: the
/// prerendered page, MudBlazor's stylesheet and script, Blazor's client script, the app's own
/// stylesheets and scripts, fonts, and WebAssembly files (which /lab must not fetch: the Lab is
/// server-interactive).
/// </summary>
internal static class LabLoadResources
{
    public const string WebAssembly = "WebAssembly (must be none)";

    /// <summary>Groups in the order the breakdown prints them.</summary>
    public static readonly string[] Groups =
    [
        "prerendered HTML", "MudBlazor CSS", "MudBlazor JS", "blazor.web.js", "Blazor.Diagrams",
        "app CSS", "app JS", "fonts", WebAssembly, "other (icon, negotiate, initializers)",
    ];

    public static string GroupOf(string path, string kind)
    {
        var p = path.ToLowerInvariant();
        var file = p.Split('?')[0];
        return kind switch
        {
            "document" => "prerendered HTML",
            "font" => "fonts",
            _ when file.StartsWith("/_content/mudblazor/", StringComparison.Ordinal) && file.EndsWith(".css", StringComparison.Ordinal) => "MudBlazor CSS",
            _ when file.StartsWith("/_content/mudblazor/", StringComparison.Ordinal) => "MudBlazor JS",
            _ when file.StartsWith("/_framework/blazor.web", StringComparison.Ordinal) => "blazor.web.js",
            _ when file.StartsWith("/_framework/", StringComparison.Ordinal) || file.EndsWith(".wasm", StringComparison.Ordinal) => WebAssembly,
            _ when file.StartsWith("/_content/z.blazor.diagrams/", StringComparison.Ordinal) => "Blazor.Diagrams",
            _ when file.EndsWith(".css", StringComparison.Ordinal) => "app CSS",
            _ when file.EndsWith(".js", StringComparison.Ordinal) => "app JS",
            _ when file.EndsWith(".woff2", StringComparison.Ordinal) || file.EndsWith(".woff", StringComparison.Ordinal) || file.EndsWith(".ttf", StringComparison.Ordinal) => "fonts",
            _ => "other (icon, negotiate, initializers)",
        };
    }

    /// <summary>Text that should travel compressed: the page, stylesheets and scripts of any size worth it.</summary>
    public static bool ShouldBeCompressed(string kind, long bodyBytes) =>
        kind is "document" or "css" or "js" && bodyBytes > 1024;
}
