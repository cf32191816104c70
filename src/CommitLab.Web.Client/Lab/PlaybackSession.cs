using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Lab;

/// <summary>
/// One run being watched, for every page that shows one: the Lab, a lesson's lab and a classroom
/// room. It owns the lock, the play timer, the head and the cursor, branching from the cursor, hand
/// faults, and publishing: after every change it builds one <see cref="LabFrame"/> and hands it to
/// its listeners, so everything a page draws comes from the same moment.
/// The recording is the scenario plus every fault injected so far, so scrubbing replays it from the
/// start (a 1,000-event run replays in well under a millisecond), and injecting a fault after
/// scrubbing back starts a branch: the old future is dropped and the new fault recorded in its place.
/// Nothing here knows a protocol: whatever the simulator runs plays here unchanged.
/// Every change takes an optional action id, which reaches the listeners with that change's frame
/// (a classroom measures its fan-out by it). Plain C#, no Blazor.
/// </summary>
public sealed class PlaybackSession : IPlaybackControl, IDisposable
{
    private readonly object gate = new();
    private readonly PlaybackTimer player;
    private readonly LabFrameBuilder frames;
    private Scenario loaded;
    private Scenario recording;
    private Simulator sim;
    private TimelinePosition head;
    private LabFrame frame;

    /// <summary>Play was pressed while the run stood still: play on through it instead of pausing again at once.</summary>
    private bool playThroughStandstill;

    /// <summary>The play timer paused itself because the run stood still; any action of the user clears it.</summary>
    private bool heldAtStandstill;

    /// <param name="time">The clock the play timer runs on (tests pass one they move by hand).</param>
    /// <param name="narrationLines">How many recent narration lines a frame carries (a lesson's lab shows fewer).</param>
    public PlaybackSession(TimeProvider? time = null, int narrationLines = LabFrameBuilder.NarrationLines)
    {
        player = new PlaybackTimer(time ?? TimeProvider.System, gate, Advance);
        frames = new LabFrameBuilder(narrationLines);
        loaded = new LabSettings().ToScenario(OwnRunTitle);
        recording = loaded;
        sim = Simulator.Create(recording);
        frame = frames.Build(sim, playing: false, Speed);
    }

    /// <summary>
    /// Raised after anything visible changed, with the new frame. Raised inside the session's lock,
    /// on the thread that made the change (often the play timer's), so updates arrive in the order
    /// the run produced them; a listener that renders should hand the frame to its own thread.
    /// </summary>
    public event Action<PlaybackUpdate>? Published;

    /// <summary>The title of a run set up in the settings panel rather than taken from a scenario file ("Lab Lab" read oddly under the page's heading).</summary>
    public const string OwnRunTitle = "a run of your own";

    public string Title => Recording.Title;

    /// <summary>The scenario as it was loaded, before any fault injected by hand.</summary>
    public Scenario Loaded
    {
        get
        {
            lock (gate)
            {
                return loaded;
            }
        }
    }

    /// <summary>The scenario plus every fault so far: what a share link, an export or a saved room carries.</summary>
    public Scenario Recording
    {
        get
        {
            lock (gate)
            {
                return recording;
            }
        }
    }

    /// <summary>The newest frame: the moment at the cursor, built once for every view of it.</summary>
    public LabFrame Frame => Volatile.Read(ref frame);

    /// <summary>The frame's snapshot (the same moment as <see cref="Frame"/>, never a later one).</summary>
    public Snapshot Snapshot => Frame.Snapshot;

    public bool Playing => player.Running;

    public long Tick => Snapshot.Tick;

    public bool Finished => Snapshot.Finished;

    public double Speed { get; private set; } = 1;

    /// <summary>The furthest point this recording has been run to: the end of the timeline.</summary>
    public TimelinePosition Head => head;

    public TimelinePosition Cursor => new(Snapshot.Events, Snapshot.Tick);

    /// <summary>Whether the cursor is behind the head (scrubbed back): a fault now starts a branch.</summary>
    public bool IsBehindHead => Cursor.IsBehind(head);

    /// <summary>Set when the last fault was injected behind the head, replacing the old future.</summary>
    public long? BranchedAtTick { get; private set; }

    public bool CanStepBack => true;

    /// <summary>Whether the play timer paused itself because the run stands still (see <see cref="LabFrame.HeldAtStandstill"/>).</summary>
    public bool HeldAtStandstill => Frame.HeldAtStandstill;

    /// <summary>
    /// Reads the run under the lock: the trace and the simulator are not thread-safe, and the play
    /// timer advances them on another thread.
    /// </summary>
    public T Read<T>(Func<Simulator, T> read)
    {
        lock (gate)
        {
            return read(sim);
        }
    }

    /// <summary>Starts over with a scenario (a library file, an import, a shared link, the settings panel): its faults included.</summary>
    public void Load(Scenario scenario, string? actionId = null) => Load(scenario, [], actionId);

    /// <summary>
    /// Starts over with a scenario and faults added to it by hand earlier (a comparison's link carries
    /// them): they count as hand faults here, listed and removable, as if injected in this session.
    /// Throws <see cref="ScenarioException"/> when the scenario with them cannot be run, and then nothing changes.
    /// </summary>
    public void Load(Scenario scenario, IReadOnlyList<ScheduledFault> handFaults, string? actionId = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(handFaults);
        if (scenario.Participants > LabSettings.MaxParticipants)
        {
            throw new ScenarioException($"the Lab draws at most {LabSettings.MaxParticipants} participants; this scenario has {scenario.Participants}");
        }

        // One simulator, built with the hand faults: it checks the scenario and them together.
        var bound = LabSettings.Bound(scenario);
        var fresh = Simulator.Create(handFaults.Count == 0 ? bound : bound with { Faults = bound.Faults.AddRange(handFaults) });
        lock (gate)
        {
            heldAtStandstill = false;
            player.Stop();
            loaded = bound;
            recording = fresh.Scenario;
            sim = fresh;
            head = default;
            BranchedAtTick = null;
            Publish(actionId);
        }
    }

    /// <summary>Back to the start of the current recording (faults kept).</summary>
    public void Restart(string? actionId = null) => Seek(new TimelinePosition(0, 0), actionId);

    /// <summary>Back to the scenario as loaded: every fault injected by hand is forgotten.</summary>
    public void ClearHandFaults(string? actionId = null)
    {
        lock (gate)
        {
            heldAtStandstill = false;
            player.Stop();
            recording = loaded;
            sim = Simulator.Create(loaded);
            head = default;
            BranchedAtTick = null;
            Publish(actionId);
        }
    }

    /// <summary>How many faults were injected by hand into the loaded scenario.</summary>
    public int HandFaults => HandFaultList.Count;

    /// <summary>
    /// The faults injected by hand, oldest first: the recording's faults after the ones it shares with
    /// the loaded scenario (a branch may have dropped some of those, so it is the common start that counts).
    /// </summary>
    public IReadOnlyList<ScheduledFault> HandFaultList
    {
        get
        {
            lock (gate)
            {
                return recording.Faults[CommonStart()..];
            }
        }
    }

    /// <summary>
    /// Forgets one fault injected by hand (0 is the oldest) and re-runs the recording without it from
    /// the start to the cursor's moment: a different run, so the old future is dropped. The run's own
    /// checks judge the new recording as they judge a loaded one; a refusal throws
    /// <see cref="ArgumentException"/> with the reason, and nothing changes.
    /// </summary>
    public void RemoveHandFault(int handIndex, string? actionId = null)
    {
        lock (gate)
        {
            var first = CommonStart();
            var count = recording.Faults.Length - first;
            if (handIndex < 0 || handIndex >= count)
            {
                throw new ArgumentException(count == 0
                    ? "This run has no fault of yours to remove."
                    : $"There is no fault number {handIndex + 1} of yours to remove: this run has {count}.");
            }

            var without = recording with { Faults = recording.Faults.RemoveAt(first + handIndex) };
            Simulator next;
            try
            {
                next = Simulator.Create(LabSettings.Bound(without));
                next.RunUntil(Math.Clamp(sim.Tick, 0, next.Scenario.MaxTicks));
            }
            catch (ScenarioException e)
            {
                throw new ArgumentException($"Without that fault the run cannot be replayed: {e.Message}", e);
            }

            player.Stop();
            heldAtStandstill = false;
            recording = next.Recorded();
            sim = next;
            head = default;
            BranchedAtTick = null;
            Publish(actionId);
        }
    }

    /// <summary>How many of the recording's faults, from the start, are the loaded scenario's own. Call under the lock.</summary>
    private int CommonStart()
    {
        var common = 0;
        while (common < loaded.Faults.Length && common < recording.Faults.Length && loaded.Faults[common] == recording.Faults[common])
        {
            common++;
        }

        return common;
    }

    public void Play(string? actionId = null)
    {
        lock (gate)
        {
            if (!player.Running && !sim.Finished)
            {
                // Pressed at a standstill, Play means "go on anyway": the run keeps asking until its limit.
                playThroughStandstill = frame.Standstill is not null;
                heldAtStandstill = false;
                player.Start();
            }

            Publish(actionId);
        }
    }

    public void Pause(string? actionId = null)
    {
        lock (gate)
        {
            heldAtStandstill = false;
            player.Stop();
            Publish(actionId);
        }
    }

    /// <summary>Sets the playback speed, clamped to 0.1x..10x. Throws <see cref="ArgumentException"/> for a value that is not a number.</summary>
    public void SetSpeed(double speed, string? actionId = null)
    {
        if (!double.IsFinite(speed))
        {
            throw new ArgumentException($"speed must be a number between {PlaybackSpeed.Min} and {PlaybackSpeed.Max}", nameof(speed));
        }

        lock (gate)
        {
            Speed = Math.Clamp(speed, PlaybackSpeed.Min, PlaybackSpeed.Max);
            Publish(actionId);
        }
    }

    /// <summary>Processes exactly one more event (pausing playback).</summary>
    public bool StepEvent(string? actionId = null)
    {
        lock (gate)
        {
            heldAtStandstill = false;
            player.Stop();
            var stepped = sim.Step();
            Publish(actionId);
            return stepped;
        }
    }

    /// <summary>One event back: the recording replayed to the event before the cursor's last one (pausing playback).</summary>
    public bool StepBack(string? actionId = null)
    {
        lock (gate)
        {
            if (sim.Events == 0)
            {
                return false;
            }

            player.Stop();
            heldAtStandstill = false;
            sim = Replay(recording, new TimelinePosition(sim.Events - 1, 0));
            Publish(actionId);
            return true;
        }
    }

    /// <summary>Moves the cursor to a tick: replays the recording from the start up to it.</summary>
    public void SeekTick(long tick, string? actionId = null)
    {
        lock (gate)
        {
            heldAtStandstill = false;
            player.Stop();
            var replay = Simulator.Create(recording);
            replay.RunUntil(Math.Clamp(tick, 0, recording.MaxTicks));
            sim = replay;
            Publish(actionId);
        }
    }

    /// <summary>
    /// Runs on from the cursor to a later tick without replaying from the start (pausing playback): a
    /// comparison keeps two sessions on one clock and moves both this way. The cursor's own tick runs
    /// what is still due at it (a fault injected there may have scheduled something); an earlier tick changes nothing.
    /// </summary>
    public void RunTo(long tick, string? actionId = null)
    {
        lock (gate)
        {
            heldAtStandstill = false;
            player.Stop();
            if (tick >= sim.Tick)
            {
                sim.RunUntil(Math.Min(tick, recording.MaxTicks));
            }

            Publish(actionId);
        }
    }

    /// <summary>Moves the cursor to an exact position (events and tick).</summary>
    public void Seek(TimelinePosition position, string? actionId = null)
    {
        lock (gate)
        {
            heldAtStandstill = false;
            player.Stop();
            sim = Replay(recording, position);
            Publish(actionId);
        }
    }

    /// <summary>
    /// Injects a fault at the cursor. Behind the head this starts a branch: faults injected later in
    /// the old timeline are dropped. The run's own checks judge the fault first (a node it does not
    /// have, a message no longer in flight, more than <see cref="Scenario.MaxFaults"/> faults): a
    /// refused fault throws <see cref="ArgumentException"/> with the reason, and nothing changes.
    /// </summary>
    public void Inject(FaultAction action, string? actionId = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (gate)
        {
            heldAtStandstill = false;
            var cursor = new TimelinePosition(sim.Events, sim.Tick);
            if (IsBehindHead)
            {
                var kept = recording.Faults.Where(f => f.When is not FaultTiming.AfterEvent a || a.Count < cursor.Events
                    || (a.Count == cursor.Events && (a.Tick ?? 0) <= cursor.Tick));
                var branch = Replay(recording with { Faults = kept.ToImmutableArray() }, cursor);
                branch.Inject(action);
                sim = branch;
                head = cursor;
                BranchedAtTick = cursor.Tick;
            }
            else
            {
                sim.Inject(action);
            }

            recording = sim.Recorded();
            Publish(actionId);
        }
    }

    /// <summary>Advances the run by wall-clock time at the current speed (the play timer's work).</summary>
    public void Advance(TimeSpan elapsed)
    {
        lock (gate)
        {
            // A failure goes to the listeners, which show it where the run is drawn.
            if (!player.Move(elapsed, Speed, ticks => sim.RunUntil(sim.Tick + ticks), failure => Publish(null, failure)))
            {
                return;
            }

            if (sim.Finished)
            {
                player.Stop();
            }

            Publish(null);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            player.Stop();
        }
    }

    void IPlaybackControl.Play() => Play();

    void IPlaybackControl.Pause() => Pause();

    bool IPlaybackControl.StepEvent() => StepEvent();

    bool IPlaybackControl.StepBack() => StepBack();

    void IPlaybackControl.Restart() => Restart();

    void IPlaybackControl.SetSpeed(double speed) => SetSpeed(speed);

    void IPlaybackControl.SeekTick(long tick) => SeekTick(tick);

    private static Simulator Replay(Scenario scenario, TimelinePosition position)
    {
        var replay = Simulator.Create(scenario);
        replay.RunUntilEvent(position.Events);
        if (replay.Tick < position.Tick)
        {
            replay.RunUntil(position.Tick);
        }

        return replay;
    }

    /// <summary>
    /// Builds the frame every view reads, moves the head if the run went further, and tells listeners.
    /// Playing into a standstill pauses there: nothing but a recovery or a repair can change the run,
    /// and playing on would only add the same requests until the time limit. Play again plays on.
    /// </summary>
    private void Publish(string? actionId, Exception? failure = null)
    {
        var next = frames.Build(sim, player.Running, Speed);
        if (next.Standstill is null)
        {
            playThroughStandstill = false;
        }
        else if (player.Running && !playThroughStandstill)
        {
            player.Stop();
            heldAtStandstill = true;
            next = next with { Playing = false };
        }

        if (heldAtStandstill)
        {
            next = next with { HeldAtStandstill = true };
        }

        Volatile.Write(ref frame, next);
        head = TimelinePosition.Furthest(head, new TimelinePosition(next.Snapshot.Events, next.Snapshot.Tick));
        Published?.Invoke(new PlaybackUpdate(next, actionId, failure));
    }
}
