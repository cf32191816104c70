using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// One update of a room's run as hub clients receive it. <see cref="Seq"/> grows by one per update
/// of the room, so a client can tell it missed one; <see cref="ActionId"/> echoes the instructor
/// call that caused it; <see cref="Lines"/> are the new trace events in the CLI's text form
/// (all of them from the start of the window when <see cref="Reset"/> is set).
/// </summary>
public sealed record RoomUpdate(
    long Seq,
    long Events,
    long Tick,
    bool Playing,
    double Speed,
    bool Finished,
    string Outcome,
    string TraceHash,
    string? ActionId,
    bool Reset,
    IReadOnlyList<string> Lines)
{
    public static RoomUpdate From(RoomBroadcast broadcast)
    {
        var frame = broadcast.Frame;
        var snapshot = frame.Snapshot;
        return new RoomUpdate(
            frame.Seq,
            snapshot.Events,
            snapshot.Tick,
            frame.Playing,
            frame.Speed,
            snapshot.Finished,
            snapshot.Outcome is { } outcome ? OutcomeNames.Of(outcome) : "running",
            frame.TraceHash,
            broadcast.ActionId,
            broadcast.Reset,
            broadcast.Lines);
    }
}
