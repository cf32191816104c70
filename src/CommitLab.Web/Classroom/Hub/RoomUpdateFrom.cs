using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// Builds a <see cref="RoomUpdate"/> from a room's broadcast. It lives on the server, beside the
/// room: the update itself is also read in the browser, where no broadcast exists.
/// </summary>
public static class RoomUpdateFrom
{
    extension(RoomUpdate)
    {
        /// <summary>The room's run as it is now, for a client catching up (all of its lines start over).</summary>
        public static RoomUpdate Now(Room room)
        {
            ArgumentNullException.ThrowIfNull(room);
            return RoomUpdate.From(new RoomBroadcast(room.Frame, null, true, []));
        }

        public static RoomUpdate From(RoomBroadcast broadcast)
        {
            ArgumentNullException.ThrowIfNull(broadcast);
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
                broadcast.Lines)
            {
                Held = frame.HeldAtStandstill,
            };
        }
    }
}
