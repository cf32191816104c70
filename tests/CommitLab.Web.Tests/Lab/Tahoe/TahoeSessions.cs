using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab.Tahoe;

/// <summary>The shipped scenario library and Lab sessions loaded with its Tahoe scenarios, for the Tahoe tests.</summary>
internal static class TahoeSessions
{
    public static readonly ScenarioLibrary Library = new(Path.Combine(AppContext.BaseDirectory, "lessons", "scenarios"));

    /// <summary>A playback session (the one every page uses) with a Tahoe library scenario loaded.</summary>
    public static PlaybackSession Loaded(string name)
    {
        var session = new PlaybackSession();
        var found = Library.Find(name) ?? throw new InvalidOperationException($"{name} is not in the library");
        session.Load(found.Scenario);
        return session;
    }

    /// <summary>The version each server holds, in order: "W1#2,W1#2,W1#2".</summary>
    public static string Holds(PlaybackSession session) =>
        string.Join(",", session.Frame.Roles!.Rows.Where(r => r.Name.StartsWith('S')).Select(r => r.Cells[1]));

    /// <summary>Each writer's stage, in order.</summary>
    public static string[] Stages(PlaybackSession session) =>
        [.. session.Frame.Roles!.Rows.Where(r => r.Name.StartsWith('W')).Select(r => r.Up ? r.Cells[0] : "crashed")];
}
