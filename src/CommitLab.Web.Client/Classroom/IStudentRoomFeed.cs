namespace CommitLab.Web.Classroom;

/// <summary>
/// Where a student's room page gets the room from. On the server (the first visit, and while the
/// WebAssembly files download) the page follows the room object itself and renders its frames; in
/// the browser it follows the room over the classroom hub and replays the run with its own engine
/// (<see cref="RoomReplica"/>). The page is the same either way.
/// </summary>
public interface IStudentRoomFeed : IAsyncDisposable
{
    /// <summary>What to show; null when the seat is not known in this room (or before <see cref="OpenAsync"/>).</summary>
    StudentRoomView? View { get; }

    /// <summary>Why the page is not in the room (a refusal's words), when <see cref="View"/> is null after opening.</summary>
    string? Error { get; }

    /// <summary>Raised after <see cref="View"/> changed, on any thread: the page hands it to its own.</summary>
    event Action? Changed;

    /// <param name="live">False while prerendering: read the room once, follow nothing.</param>
    Task OpenAsync(string code, string? studentId, bool live);

    Task AnswerAsync(int choice);
}
