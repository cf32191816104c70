namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// Turns one room's updates into what its replicas (student pages replaying the run in the browser)
/// receive: no trace lines, and the recording only on the first update and whenever it changed.
/// One per room; called in the order the run produced the updates (under its lock).
/// </summary>
public sealed class ReplicaUpdates(Room room, RoomRecordings recordings)
{
    private RecordingText? sent;

    public RoomUpdate For(RoomUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var recording = recordings.Of(room);
        var changed = !ReferenceEquals(recording, sent);
        sent = recording;
        return update with
        {
            Lines = [],
            Recording = changed ? recording.Yaml : null,
            ForkRun = changed ? recording.Packed : null,
        };
    }
}
