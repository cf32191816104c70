using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Classroom.Hub;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Classroom;

/// <summary>
/// A student's own copy of a room's run: the replicated state machine the lessons teach. The room
/// sends its recording (the scenario plus every fault, a few hundred bytes) when it changes and,
/// with every update, where its cursor stands; the replica runs the same deterministic engine to
/// the same moment and draws its own frame, so the server sends no drawing at all. Each update
/// carries the room's event count and trace hash, and the replica checks its own against them: a
/// difference means the copy is not the room's run (a lost or forged update, a different engine),
/// and the page says so and fetches the room's state again. Plain C#, not thread-safe: one page's.
/// </summary>
public sealed class RoomReplica
{
    private readonly LabFrameBuilder frames = new();
    private string? recordingText;
    private Scenario? recording;
    private Simulator? sim;

    /// <summary>The newest frame the replica computed; null before it had a recording.</summary>
    public LabFrame? Frame { get; private set; }

    /// <summary>Whether the replica knows the run (it has had a recording).</summary>
    public bool HasRecording => recording is not null;

    /// <summary>
    /// Moves the copy to the update's moment (replaying from the start when the recording changed
    /// or the cursor went back) and checks it. Returns null when the copy matches the room's run,
    /// or what differs.
    /// </summary>
    public ReplicaMismatch? Follow(RoomUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Recording is { } text && !string.Equals(text, recordingText, StringComparison.Ordinal))
        {
            try
            {
                // The same bounds the room applied when it loaded the scenario (and applies when it restores it).
                recording = LabSettings.Bound(ScenarioParser.Parse(text, "the room's recording"));
            }
            catch (ScenarioException e)
            {
                Forget();
                return new ReplicaMismatch(update.Events, update.TraceHash, null, $"the room's recording could not be read ({e.Message})");
            }

            recordingText = text;
            sim = null;
        }

        if (recording is null)
        {
            return new ReplicaMismatch(update.Events, update.TraceHash, null, "this page has not had the room's recording yet");
        }

        if (sim is null || sim.Events > update.Events || sim.Tick > update.Tick)
        {
            sim = Simulator.Create(recording);
        }

        // As the room replays a saved run (PlaybackSession.Seek): to the event count, then the clock.
        sim.RunUntilEvent(update.Events);
        if (sim.Tick < update.Tick)
        {
            sim.RunUntil(update.Tick);
        }

        var frame = frames.Build(sim, update.Playing, update.Speed);
        Frame = update.Held ? frame with { HeldAtStandstill = true } : frame;
        return sim.Events == update.Events && string.Equals(frame.TraceHash, update.TraceHash, StringComparison.Ordinal)
            ? null
            : new ReplicaMismatch(update.Events, update.TraceHash, frame.TraceHash, $"this page computed {sim.Events} events with trace hash {frame.TraceHash}; the room has {update.Events} events with trace hash {update.TraceHash}");
    }

    /// <summary>Drops the copy: the next update must bring the recording again (a re-sync).</summary>
    public void Forget()
    {
        recordingText = null;
        recording = null;
        sim = null;
    }
}

/// <summary>Where a replica parted from the room's run: the room's event count and hash, the replica's hash (null when it could not run), and a sentence saying so.</summary>
public sealed record ReplicaMismatch(long Events, string RoomHash, string? ReplicaHash, string Detail);
