using Microsoft.Playwright;

namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>
/// How the tests launch Chromium. Playwright cannot download its own browser on the project's
/// machines, so the tests use the system's Chromium (Debian's package by default).
/// </summary>
public static class ChromiumSettings
{
    public const string PathVariable = "CHROMIUM_PATH";

    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>Flags for a quiet, sandbox-less headless browser that fits in a container.</summary>
    public static readonly IReadOnlyList<string> Arguments =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    public static BrowserTypeLaunchOptions LaunchOptions()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException(
                $"Chromium not found at {ExecutablePath}. Install it (apt-get install -y chromium) or set {PathVariable}.",
                ExecutablePath);
        }

        return new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
        };
    }
}
