using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// One update of a room's run as hub clients receive it. <see cref="Seq"/> grows by one per update
/// of the room, so a client can tell it missed one; <see cref="ActionId"/> echoes the instructor
/// call that caused it; <see cref="Lines"/> are the new trace events in the CLI's text form
/// (all of them from the start of the window when <see cref="Reset"/> is set).
/// It also travels between instances, from a room's grain to the instances that follow it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomUpdate(
    [property: Id(0)] long Seq,
    [property: Id(1)] long Events,
    [property: Id(2)] long Tick,
    [property: Id(3)] bool Playing,
    [property: Id(4)] double Speed,
    [property: Id(5)] bool Finished,
    [property: Id(6)] string Outcome,
    [property: Id(7)] string TraceHash,
    [property: Id(8)] string? ActionId,
    [property: Id(9)] bool Reset,
    [property: Id(10)] IReadOnlyList<string> Lines)
{
    /// <summary>The room's run as it is now, for a client catching up (all of its lines start over).</summary>
    public static RoomUpdate Now(Room room)
    {
        ArgumentNullException.ThrowIfNull(room);
        return From(new RoomBroadcast(room.Frame, null, true, []));
    }

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
