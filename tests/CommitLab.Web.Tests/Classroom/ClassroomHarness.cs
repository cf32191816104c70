using CommitLab.Web.Classroom;
using CommitLab.Web.Tests.Support;
using Microsoft.Extensions.Options;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>
/// A classroom service over a real SQLite file in a temp folder, with a hand-moved clock and a log
/// that keeps what was written. <see cref="Restart"/> drops the service (as a redeploy would) and
/// builds a new one over the same file.
/// </summary>
public sealed class ClassroomHarness : IDisposable
{
    private readonly TempFolder folder = new();

    /// <param name="holdTimers">Rooms' timers (the play timer among them) fire only when the test calls <see cref="ManualTime.FireTimers"/>.</param>
    public ClassroomHarness(ClassroomOptions? options = null, bool holdTimers = false)
    {
        Options = options ?? new ClassroomOptions();
        Clock = new ManualTime { HoldTimers = holdTimers };
        Service = Build();
    }

    public ClassroomOptions Options { get; }

    public ManualTime Clock { get; }

    public LogRecorder<ClassroomService> Log { get; } = new();

    public ClassroomService Service { get; private set; }

    public string DataFolder => folder.Path;

    /// <summary>Opens a room on a shipped scenario, as the "new room" page does.</summary>
    public (Room Room, string Token) Open(string scenario = "2pc-happy-path", string client = "198.51.100.7")
    {
        var (room, token, error) = Service.Create(RepositoryFiles.Scenario(scenario).Scenario, scenario, client);
        Assert.Null(error);
        return (room!, token!);
    }

    public InstructorConsole Console(Room room, string token) =>
        Service.OpenConsole(room.Id, token, "test instructor").Console ?? throw new InvalidOperationException("the room's own token was refused");

    public StudentRecord Join(Room room, string name = "Ada", string client = "203.0.113.5")
    {
        var result = Service.Join(room.Code, name, client);
        Assert.True(result.Joined, result.Error);
        return result.Student!;
    }

    /// <summary>The server goes away and comes back: every room leaves memory, a new store and service read the file again.</summary>
    public void Restart()
    {
        Service.Dispose();
        Service = Build();
    }

    public void Dispose()
    {
        Service.Dispose();
        folder.Dispose();
    }

    /// <summary>The store the service uses, on the same hand-moved clock (rooms expire by it).</summary>
    public ClassroomStore Store { get; private set; } = default!;

    public LogRecorder<ClassroomStore> StoreLog { get; } = new();

    private ClassroomService Build()
    {
        Store = new ClassroomStore(folder.Path, StoreLog, Clock);
        return new(Store, Microsoft.Extensions.Options.Options.Create(Options), Log, Clock);
    }
}
