namespace CommitLab.Web.Hosting;

/// <summary>
/// Where the app keeps its files (the classroom database): the configuration key
/// <c>CommitLab:DataDirectory</c> (environment variable <c>CommitLab__DataDirectory</c>), relative
/// paths taken from the content root; <c>data/</c> under the content root by default.
/// </summary>
public static class DataDirectory
{
    public const string Key = "CommitLab:DataDirectory";

    public static string Resolve(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration[Key];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured, contentRoot);
    }
}
