using System.Runtime.CompilerServices;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab.Sharing;

namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// Each room's recording as replicas receive it: the scenario file text and its packed Lab-link
/// payload, made once per recording (it changes only when a scenario is loaded or a fault injected
/// or removed), however many pages ask. Held per room object, so a room put to sleep takes its
/// entry with it.
/// </summary>
public sealed class RoomRecordings
{
    private readonly ConditionalWeakTable<Room, RecordingText> texts = new();

    /// <summary>The room's recording now, as text.</summary>
    public RecordingText Of(Room room)
    {
        ArgumentNullException.ThrowIfNull(room);
        var recording = room.Recording;
        if (texts.TryGetValue(room, out var known) && ReferenceEquals(known.Recording, recording))
        {
            return known;
        }

        var fresh = new RecordingText(recording, ScenarioWriter.ToYaml(recording), ShareLink.Pack(recording));
        texts.AddOrUpdate(room, fresh);
        return fresh;
    }

    /// <summary>
    /// The update a replica starting now (or re-syncing) gets: the room's current frame with the
    /// whole recording. The frame is read first: if a change lands in between, the recording is the
    /// newer one and the next update, which carries no recording, moves the cursor to match it.
    /// </summary>
    public RoomUpdate Current(Room room)
    {
        ArgumentNullException.ThrowIfNull(room);
        var update = RoomUpdate.Now(room);
        var text = Of(room);
        return update with { Recording = text.Yaml, ForkRun = text.Packed };
    }
}

/// <summary>A recording, its scenario file text, and its Lab-link payload (null when too long for a link).</summary>
public sealed record RecordingText(Scenario Recording, string Yaml, string? Packed);
