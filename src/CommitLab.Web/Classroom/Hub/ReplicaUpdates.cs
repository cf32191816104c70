namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// Adds to one room's updates what its replicas (student pages replaying the run in the browser)
/// need: the recording, on the first update and whenever it changed. The room's grain does this
/// once per update; each instance's <see cref="Cluster.RoomFollower"/> then sends replicas the
/// update without its trace lines, and other clients without the recording. One per room; called
/// in the order the run produced the updates (under its lock).
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
            Recording = changed ? recording.Yaml : null,
            ForkRun = changed ? recording.Packed : null,
        };
    }
}
