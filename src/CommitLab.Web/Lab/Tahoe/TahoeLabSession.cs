using System.Collections.Immutable;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Web.Lab.Tahoe;

/// <summary>
/// One Lab run of a Tahoe-LAFS scenario: the simulator, playback, faults injected by hand and the
/// snapshot the view reads. Plain C#, no Blazor: components subscribe to <see cref="Changed"/>.
/// Going back replays from the start, which for runs of a few hundred events costs well under a
/// millisecond. A fault injected by hand becomes a timed fault of the run (at the cursor's tick),
/// so scrubbing back and forth replays it where it happened.
/// </summary>
public sealed class TahoeLabSession : IPlaybackControl, IDisposable
{
    /// <summary>Tahoe runs last a few hundred ticks; at 1x one second of wall time shows this many.</summary>
    public const double TicksPerSecond = 60;

    /// <summary>The Lab draws at most this many ticks of a run.</summary>
    public const long MaxTicks = 20_000;

    private readonly object gate = new();
    private readonly PlaybackTimer player;
    private TahoeSimulator sim;
    private TahoeScenario loaded;
    private ImmutableArray<TahoeFault> handFaults = [];
    private TimelinePosition head;

    public TahoeLabSession(TimeProvider? time = null)
    {
        player = new PlaybackTimer(time ?? TimeProvider.System, gate, Advance);
        loaded = Scenario = new TahoeScenario { Title = "Tahoe-LAFS" };
        sim = TahoeSimulator.Create(Scenario);
        Snapshot = sim.Snapshot();
    }

    /// <summary>Raised after anything visible changed. May come from a timer thread.</summary>
    public event Action? Changed;

    /// <summary>The run as it replays: the loaded scenario plus the faults injected by hand.</summary>
    public TahoeScenario Scenario { get; private set; }

    /// <summary>The scenario as loaded, without the faults injected by hand.</summary>
    public TahoeScenario Loaded => loaded;

    /// <summary>Faults injected by hand in this run, in the order of their ticks.</summary>
    public ImmutableArray<TahoeFault> HandFaults => handFaults;

    /// <summary>The library name of the loaded scenario, when it came from the library.</summary>
    public string? Name { get; private set; }

    public TahoeSnapshot Snapshot { get; private set; }

    public bool Playing => player.Running;

    public long Tick => Snapshot.Tick;

    public bool Finished => Snapshot.Finished;

    public double Speed { get; private set; } = 1;

    /// <summary>The furthest point this run has been played to: the end of the timeline.</summary>
    public TimelinePosition Head => head;

    private TimelinePosition Cursor => new(Snapshot.Steps, Snapshot.Tick);

    public bool IsBehindHead => Cursor.IsBehind(head);

    /// <summary>Set when the last fault was injected behind the head, replacing the old future.</summary>
    public long? BranchedAtTick { get; private set; }

    /// <summary>The newest trace lines, oldest first.</summary>
    public IReadOnlyList<string> RecentLines(int count)
    {
        lock (gate)
        {
            var trace = sim.Trace;
            var from = Math.Max(0, trace.Count - count);
            return [.. Enumerable.Range(from, trace.Count - from).Select(i => trace.Line(trace.Events[i]))];
        }
    }

    public T Read<T>(Func<TahoeSimulator, T> read)
    {
        lock (gate)
        {
            return read(sim);
        }
    }

    /// <summary>Starts over with a scenario. Throws <see cref="Engine.Scenarios.ScenarioException"/> when it is out of bounds.</summary>
    public void Load(TahoeScenario scenario, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        // The same event bound as every 2PC/3PC Lab run: a seek or a shared link replays from the start.
        var fresh = TahoeSimulator.Create(scenario with { MaxTicks = Math.Min(scenario.MaxTicks, MaxTicks), MaxEvents = Math.Min(scenario.MaxEvents, LabSettings.MaxEvents) });
        lock (gate)
        {
            StopTimer();
            loaded = Scenario = fresh.Scenario;
            handFaults = [];
            head = default;
            BranchedAtTick = null;
            Name = name;
            sim = fresh;
            Publish();
        }
    }

    public void Restart() => SeekTick(0);

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
            Speed = Math.Clamp(double.IsNaN(speed) ? 1 : speed, PlaybackSpeed.Min, PlaybackSpeed.Max);
            Publish();
        }
    }

    /// <summary>One more event (pausing playback).</summary>
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

    /// <summary>Straight to the end of the run.</summary>
    public void RunToEnd()
    {
        lock (gate)
        {
            StopTimer();
            sim.RunToEnd();
            Publish();
        }
    }

    /// <summary>Advances the run by wall-clock time (the play timer's work).</summary>
    public void Advance(TimeSpan elapsed)
    {
        lock (gate)
        {
            var whole = player.TakeTicks(elapsed, TicksPerSecond * Speed);
            if (whole <= 0)
            {
                return;
            }

            sim.RunUntil(sim.Tick + whole);
            if (sim.Finished)
            {
                StopTimer();
            }

            Publish();
        }
    }

    /// <summary>Replays the run from the start up to <paramref name="tick"/>.</summary>
    public void SeekTick(long tick)
    {
        lock (gate)
        {
            StopTimer();
            sim = Replay(Scenario, tick);
            Publish();
        }
    }

    /// <summary>
    /// Applies a fault now, at the cursor's tick. Behind the head this starts a branch: faults injected
    /// later in the old timeline are dropped. Throws <see cref="ArgumentException"/> when the run would
    /// not be a valid scenario with it (an unknown node, more faults than a scenario may hold); nothing
    /// changes then.
    /// </summary>
    public void Inject(TahoeFaultAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (gate)
        {
            var at = sim.Tick;
            var branching = IsBehindHead;
            var kept = branching ? handFaults.Where(f => f.When is TahoeFaultTiming.AtTick a && a.Tick <= at) : handFaults;
            ReplayWith([.. kept, new TahoeFault(new TahoeFaultTiming.AtTick(at), action)], at);
            if (branching)
            {
                head = Cursor;
                BranchedAtTick = at;
            }

            Publish();
        }
    }

    /// <summary>Removes every fault injected by hand and replays the run to the cursor without them.</summary>
    public void ClearHandFaults()
    {
        lock (gate)
        {
            ReplayWith([], sim.Tick);
            head = default;
            BranchedAtTick = null;
            Publish();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            StopTimer();
        }
    }

    /// <summary>
    /// Makes <paramref name="faults"/> the hand faults and replays the run with them to <paramref name="at"/>.
    /// Replaying rather than poking the live run keeps the scrubber honest: what the timeline shows
    /// after this moment is exactly what a replay of the recorded faults produces. The scenario's own
    /// checks decide what is allowed, so a hand fault meets the same bounds as a fault in a file.
    /// </summary>
    private void ReplayWith(ImmutableArray<TahoeFault> faults, long at)
    {
        var candidate = loaded with { Faults = [.. loaded.Faults, .. faults] };
        if (candidate.Validate() is [var problem, ..])
        {
            throw new ArgumentException(problem);
        }

        StopTimer();
        handFaults = faults;
        Scenario = candidate;
        sim = Replay(candidate, at);
    }

    private static TahoeSimulator Replay(TahoeScenario scenario, long tick)
    {
        var replay = TahoeSimulator.Create(scenario);
        replay.RunUntil(Math.Clamp(tick, 0, scenario.MaxTicks));
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
