namespace CommitLab.Web.Hosting;

/// <summary>
/// Chooses the app's content root (where appsettings.json and wwwroot are). ASP.NET Core defaults to
/// the current directory, so a published app started from anywhere else finds neither its settings
/// nor its static files (MapStaticAssets then answers 200 with empty bodies). A published app
/// therefore uses its own folder, recognisable by the wwwroot that publishing puts next to the dll.
/// </summary>
public static class ContentRootLocator
{
    /// <summary>
    /// The content root to use, or null to keep ASP.NET Core's default: when one was given explicitly
    /// (--contentRoot, ASPNETCORE_CONTENTROOT or DOTNET_CONTENTROOT; test hosts pass it this way), and
    /// for build output, which `dotnet run` starts in the project folder and which serves static files
    /// from the source tree.
    /// </summary>
    public static string? Choose(string[] args, string appDirectory)
    {
        var explicitRoot = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            return null;
        }

        return Directory.Exists(Path.Combine(appDirectory, "wwwroot")) ? appDirectory : null;
    }
}
