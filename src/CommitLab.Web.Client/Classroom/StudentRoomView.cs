using CommitLab.Web.Lab;

namespace CommitLab.Web.Classroom;

/// <summary>
/// What a student's room page shows at one moment: the room, the student, the run's frame, the
/// poll as students may see it, and the student's answer. <see cref="Mismatch"/> is set when the
/// page's own copy of the run (in the browser) parted from the room's and was fetched again.
/// </summary>
public sealed record StudentRoomView(
    string Title,
    string Code,
    string StudentName,
    LabFrame Frame,
    PollView? Poll,
    int? Mine,
    string? ForkLink)
{
    public string? AnswerError { get; init; }

    public string? Mismatch { get; init; }

    /// <summary>Set while the page's connection to the room is down (it is trying again).</summary>
    public bool Disconnected { get; init; }
}
