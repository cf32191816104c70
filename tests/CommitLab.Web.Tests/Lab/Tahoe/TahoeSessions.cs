using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Tahoe;

namespace CommitLab.Web.Tests.Lab.Tahoe;

/// <summary>The shipped scenario library and Tahoe lab sessions loaded from it, for the Tahoe tests.</summary>
internal static class TahoeSessions
{
    public static readonly ScenarioLibrary Library = new(Path.Combine(AppContext.BaseDirectory, "lessons", "scenarios"));

    public static TahoeLabSession Loaded(string name)
    {
        var session = new TahoeLabSession();
        var found = Library.FindTahoe(name) ?? throw new InvalidOperationException($"{name} is not in the library");
        session.Load(found.Scenario, found.Name);
        return session;
    }
}
