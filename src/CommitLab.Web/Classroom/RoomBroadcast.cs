using CommitLab.Web.Lab;

namespace CommitLab.Web.Classroom;

/// <summary>
/// What a room tells everyone after its run changed: the new frame, the instructor action that
/// caused it (its id, so a client can measure how long the fan-out took), and the trace lines
/// added since the previous broadcast. <see cref="Reset"/> means the run went back (restart,
/// scrub, new scenario): drop what you have, the lines start over.
/// </summary>
public sealed record RoomBroadcast(LabFrame Frame, string? ActionId, bool Reset, IReadOnlyList<string> Lines)
{
    /// <summary>An error the play timer ran into (it stopped playing); the console shows it.</summary>
    public Exception? Failure { get; init; }
}
