using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Lab;

/// <summary>
/// One student's (or one room's) Lab: a run, its recording, where the cursor is, and playback.
/// The recording is the scenario plus every fault injected so far, so scrubbing replays it from the
/// start (a 1,000-event run replays in well under a millisecond), and injecting a fault after
/// scrubbing back starts a branch: the old future is dropped and the new fault recorded in its place.
/// Plain C#, no Blazor: components subscribe to <see cref="Changed"/>.
/// </summary>
public sealed class LabSession : IPlaybackControl, IDisposable
{
    private readonly object gate = new();
    private readonly PlaybackTimer player;
    private Scenario recording;
    private Simulator sim;
    private TimelinePosition head;
    private Exception? failure;

    public LabSession(TimeProvider? time = null)
    {
        player = new PlaybackTimer(time ?? TimeProvider.System, gate, Advance);
        recording = new LabSettings().ToScenario(OwnRunTitle);
        sim = Simulator.Create(recording);
        Snapshot = sim.Snapshot();
    }

    /// <summary>Raised after anything visible changed. May come from a timer thread.</summary>
    public event Action? Changed;

    public string Title => recording.Title;

    /// <summary>The title of a run set up in the settings panel rather than taken from a scenario file ("Lab Lab" read oddly under the page's heading).</summary>
    public const string OwnRunTitle = "a run of your own";

    public LabSettings Settings { get; private set; } = new();

    /// <summary>The scenario plus every fault so far: what a share link or an export carries.</summary>
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

    public Snapshot Snapshot { get; private set; }

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

    /// <summary>
    /// Reads the run under a lock: the trace and the simulator are not thread-safe, and the play
    /// timer advances them on another thread.
    /// </summary>
    public T Read<T>(Func<Simulator, T> read)
    {
        lock (gate)
        {
            return read(sim);
        }
    }

    /// <inheritdoc cref="Read{T}"/>
    public void Read(Action<Simulator> read)
    {
        lock (gate)
        {
            read(sim);
        }
    }

    /// <summary>Starts over with new settings and no faults.</summary>
    public void Configure(LabSettings settings, string title = OwnRunTitle)
    {
        var problems = settings.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(settings));
        }

        Load(settings.ToScenario(title));
        Settings = settings;
    }

    /// <summary>Starts over with a scenario (a lesson's file, an import, a shared link): its faults included.</summary>
    public void Load(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Participants > LabSettings.MaxParticipants)
        {
            throw new ScenarioException($"the Lab draws at most {LabSettings.MaxParticipants} participants; this scenario has {scenario.Participants}");
        }

        var fresh = Simulator.Create(LabSettings.Bound(scenario));
        lock (gate)
        {
            StopTimer();
            recording = fresh.Scenario;
            sim = fresh;
            head = default;
            BranchedAtTick = null;
            Settings = LabSettings.From(scenario);
            Publish();
        }
    }

    /// <summary>Back to the start of the current recording (faults kept).</summary>
    public void Restart() => Seek(new TimelinePosition(0, 0));

    public void Play()
    {
        lock (gate)
        {
            if (Playing || sim.Finished)
            {
                return;
            }

            player.Start();
            Publish();
        }
    }

    public void Pause()
    {
        lock (gate)
        {
            StopTimer();
            Publish();
        }
    }

    public void SetSpeed(double speed)
    {
        lock (gate)
        {
            Speed = Math.Clamp(speed, PlaybackSpeed.Min, PlaybackSpeed.Max);
            Publish();
        }
    }

    /// <summary>Processes exactly one more event (pausing playback).</summary>
    public bool StepEvent()
    {
        lock (gate)
        {
            StopTimer();
            var stepped = sim.Step();
            Publish();
            return stepped;
        }
    }

    public bool CanStepBack => true;

    /// <summary>One event back: the recording replayed to the event before the cursor's last one (pausing playback).</summary>
    public bool StepBack()
    {
        lock (gate)
        {
            if (sim.Events == 0)
            {
                return false;
            }

            StopTimer();
            sim = Replay(recording, new TimelinePosition(sim.Events - 1, 0));
            Publish();
            return true;
        }
    }

    /// <summary>Advances the run by wall-clock time at the current speed (the play timer's work).</summary>
    public void Advance(TimeSpan elapsed)
    {
        lock (gate)
        {
            var whole = player.TakeTicks(elapsed, PlaybackSpeed.TicksPerSecondAt1x * Speed);
            if (whole <= 0)
            {
                return;
            }

            try
            {
                sim.RunUntil(sim.Tick + whole);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // On the timer's thread nobody could catch this, and it would end the process: stop
                // playing and leave it for the page to show (see TakeFailure).
                StopTimer();
                failure = e;
                Publish();
                return;
            }

            if (sim.Finished)
            {
                StopTimer();
            }

            Publish();
        }
    }

    /// <summary>Moves the cursor to a tick: replays the recording from the start up to it.</summary>
    public void SeekTick(long tick)
    {
        lock (gate)
        {
            StopTimer();
            var replay = Simulator.Create(recording);
            replay.RunUntil(Math.Clamp(tick, 0, recording.MaxTicks));
            sim = replay;
            Publish();
        }
    }

    /// <summary>Moves the cursor to an exact position (events and tick).</summary>
    public void Seek(TimelinePosition position)
    {
        lock (gate)
        {
            StopTimer();
            sim = Replay(recording, position);
            Publish();
        }
    }

    /// <summary>
    /// Injects a fault at the cursor. Behind the head this starts a branch: faults injected later in
    /// the old timeline are dropped. Throws <see cref="ArgumentException"/> for a fault that names
    /// an unknown node or a message no longer in flight; nothing changes then.
    /// </summary>
    public void Inject(FaultAction action)
    {
        lock (gate)
        {
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
            Publish();
        }
    }

    /// <summary>An error the play timer ran into since the last call, or null; the page shows it once.</summary>
    public Exception? TakeFailure()
    {
        lock (gate)
        {
            var taken = failure;
            failure = null;
            return taken;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            StopTimer();
        }
    }

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

    private void StopTimer() => player.Stop();

    /// <summary>Takes the snapshot the UI reads, moves the head if the run went further, and tells listeners.</summary>
    private void Publish()
    {
        Snapshot = sim.Snapshot();
        head = TimelinePosition.Furthest(head, Cursor);

        Changed?.Invoke();
    }
}
