using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// Two runs of one situation on one clock: a <see cref="PlaybackSession"/> per side and a single
/// transport. Play, step, step back, scrub and restart move both sides to the same simulated time, so
/// a class sees 2PC and 3PC (or two failure detectors) at the same millisecond. A fault added by hand
/// goes to both sides; one that cannot strike a side (a message only the other side sent) is told on
/// that side. After every change it builds one <see cref="CompareFrame"/> and hands it to its
/// listeners. Plain C#, no Blazor.
/// </summary>
public sealed class ComparePlayback : IPlaybackControl, IDisposable
{
    private readonly object gate = new();
    private readonly PlaybackTimer player;
    private readonly List<string> leftHandNotes = [];
    private readonly List<string> rightHandNotes = [];
    private CompareFrame frame;
    private long clock;

    /// <summary>Play was pressed once both sides had ended: play on instead of stopping again at once.</summary>
    private bool playThroughEnd;
    private bool heldAtEnd;

    /// <param name="time">The clock the play timer runs on (tests pass one they move by hand).</param>
    public ComparePlayback(TimeProvider? time = null)
    {
        player = new PlaybackTimer(time ?? TimeProvider.System, gate, Advance);
        Run = new LabSettings().ToScenario(PlaybackSession.OwnRunTitle);
        (LeftSide, RightSide) = CompareSetup.From(Run, Mode);
        Left.Load(LeftSide.Scenario);
        Right.Load(RightSide.Scenario);
        frame = Build();
    }

    /// <summary>Raised after anything visible changed, inside the lock, on the thread that made the change (often the play timer's).</summary>
    public event Action<CompareFrame>? Published;

    /// <summary>The run both sides were made from, as it came (a Lab link, a library scenario).</summary>
    public Scenario Run { get; private set; }

    public CompareMode Mode { get; private set; } = CompareMode.Protocols;

    public CompareSide LeftSide { get; private set; }

    public CompareSide RightSide { get; private set; }

    /// <summary>The left side's run. Driven only through this class: its own play timer never runs.</summary>
    public PlaybackSession Left { get; } = new();

    public PlaybackSession Right { get; } = new();

    /// <summary>The newest frame: both sides at the shared clock.</summary>
    public CompareFrame Frame => Volatile.Read(ref frame);

    /// <summary>The play timer stopped on an engine error; the page shows it.</summary>
    public Exception? Failure { get; private set; }

    public long Tick => Frame.Clock;

    /// <summary>Both runs are over: nothing left to play on either side.</summary>
    public bool Finished => Frame.Left.Snapshot.Finished && Frame.Right.Snapshot.Finished;

    public bool Playing => player.Running;

    public double Speed { get; private set; } = 1;

    /// <summary>The furthest either side has been run to: the end of the shared timeline.</summary>
    public TimelinePosition Head => new(Left.Head.Events + Right.Head.Events, Math.Max(Left.Head.Tick, Right.Head.Tick));

    public bool IsBehindHead => Left.IsBehindHead || Right.IsBehindHead;

    public long? BranchedAtTick => Left.BranchedAtTick ?? Right.BranchedAtTick;

    public bool CanStepBack => true;

    /// <summary>
    /// Starts over with a run shown as <paramref name="mode"/> says; hand faults added here are forgotten.
    /// Throws <see cref="ScenarioException"/> for a run that cannot be compared or drawn, and then nothing changes.
    /// </summary>
    public void Load(Scenario run, CompareMode mode)
    {
        ArgumentNullException.ThrowIfNull(run);
        var (left, right) = CompareSetup.From(run, mode);
        foreach (var side in new[] { left, right })
        {
            // Both checked before either side changes, so a refusal leaves the comparison as it was.
            if (side.Scenario.Participants > LabSettings.MaxParticipants)
            {
                throw new ScenarioException($"the Lab draws at most {LabSettings.MaxParticipants} participants; this scenario has {side.Scenario.Participants}");
            }

            Simulator.Create(LabSettings.Bound(side.Scenario));
        }

        lock (gate)
        {
            player.Stop();
            Run = run;
            Mode = mode;
            (LeftSide, RightSide) = (left, right);
            Left.Load(left.Scenario);
            Right.Load(right.Scenario);
            leftHandNotes.Clear();
            rightHandNotes.Clear();
            clock = 0;
            Failure = null;
            Publish();
        }
    }

    public void Play()
    {
        lock (gate)
        {
            if (!player.Running && !Finished)
            {
                // Pressed once both have ended (one stands still), Play means "go on anyway".
                playThroughEnd = frame.BothEnded;
                heldAtEnd = false;
                player.Start();
            }

            Publish();
        }
    }

    public void Pause()
    {
        lock (gate)
        {
            player.Stop();
            heldAtEnd = false;
            Publish();
        }
    }

    public void SetSpeed(double speed)
    {
        if (!double.IsFinite(speed))
        {
            throw new ArgumentException($"speed must be a number between {PlaybackSpeed.Min} and {PlaybackSpeed.Max}", nameof(speed));
        }

        lock (gate)
        {
            Speed = Math.Clamp(speed, PlaybackSpeed.Min, PlaybackSpeed.Max);
            Publish();
        }
    }

    /// <summary>
    /// On to the next moment at which either side has something happen; both sides move there, so the
    /// side with nothing to do at that moment waits on the same clock. False once both runs are over.
    /// </summary>
    public bool StepEvent()
    {
        lock (gate)
        {
            Stop();
            var next = new[] { NextEventTick(Left), NextEventTick(Right) }.Where(t => t is not null).Min();
            if (next is not { } at)
            {
                Publish();
                return false;
            }

            MoveBoth(at);
            Publish();
            return true;
        }
    }

    /// <summary>Back to the last earlier moment at which either side had something happen (replaying both), or to the start.</summary>
    public bool StepBack()
    {
        lock (gate)
        {
            Stop();
            if (clock == 0 && Left.Snapshot.Events == 0 && Right.Snapshot.Events == 0)
            {
                Publish();
                return false;
            }

            var previous = new[] { LastEventTickBefore(Left, clock), LastEventTickBefore(Right, clock) }.Where(t => t is not null).Max();
            if (previous is { } at)
            {
                Left.SeekTick(at);
                Right.SeekTick(at);
                clock = at;
            }
            else
            {
                Left.Restart();
                Right.Restart();
                clock = 0;
            }

            Publish();
            return true;
        }
    }

    public void Restart()
    {
        lock (gate)
        {
            Stop();
            Left.Restart();
            Right.Restart();
            clock = 0;
            Publish();
        }
    }

    /// <summary>Both sides to one tick (the scrubber): each replays its recording up to it.</summary>
    public void SeekTick(long tick)
    {
        lock (gate)
        {
            Stop();
            var at = Math.Clamp(tick, 0, Math.Max(LeftSide.Scenario.MaxTicks, RightSide.Scenario.MaxTicks));
            Left.SeekTick(at);
            Right.SeekTick(at);
            clock = at;
            Publish();
        }
    }

    /// <summary>
    /// Adds a fault by hand to both sides at the shared clock. A drop or delay of a message in flight
    /// belongs to the side whose drawing it was picked on (<paramref name="from"/>); the other side says
    /// why it is missing there. A side that refuses the fault says why too; only when no side takes it
    /// does this throw <see cref="ArgumentException"/>, and then nothing changes.
    /// </summary>
    public void Inject(FaultAction action, CompareSideKey from)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (gate)
        {
            heldAtEnd = false;
            var oneSide = action is FaultAction.Drop { MessageId: not null } or FaultAction.Delay { MessageId: not null };
            var refusals = new List<(List<string> Notes, string Text)>();
            var taken = 0;
            foreach (var (key, session, notes) in new[] { (CompareSideKey.Left, Left, leftHandNotes), (CompareSideKey.Right, Right, rightHandNotes) })
            {
                var said = $"“{action.ToText()}” at {clock:N0} ms";
                if (oneSide && key != from)
                {
                    refusals.Add((notes, $"Not here: {said}, a message of the {SideOf(from).Name} side: each protocol sends its own messages."));
                    continue;
                }

                try
                {
                    session.Inject(action);
                    taken++;
                }
                catch (ArgumentException e)
                {
                    refusals.Add((notes, $"Not here: {said}, because {e.Message}"));
                    if (oneSide)
                    {
                        throw;
                    }
                }
            }

            if (taken == 0)
            {
                throw new ArgumentException(refusals.Count > 0 ? refusals[^1].Text : $"“{action.ToText()}” could not be added.");
            }

            foreach (var (notes, text) in refusals)
            {
                notes.Add(text);
            }

            // What the fault set in motion at this very moment runs now on both sides, as a click in the Lab shows it at once.
            MoveBoth(clock);
            Publish();
        }
    }

    /// <summary>
    /// Gives one side back the faults added here by hand that a comparison's link carries, as that
    /// side's whole recording (its scenario plus those faults), and moves both sides back to the start.
    /// Throws <see cref="ScenarioException"/> when the recording is not this side's run with faults
    /// added, or cannot be run; then nothing changes.
    /// </summary>
    public void RestoreHandFaults(CompareSideKey key, Scenario recording)
    {
        ArgumentNullException.ThrowIfNull(recording);
        lock (gate)
        {
            var session = SessionOf(key);
            var loaded = session.Loaded;
            var own = loaded.Faults.Length;
            // The same run, written out the same way, apart from the faults added after the side's own.
            var sameRun = recording.Faults.Length >= own
                && recording.Faults.Take(own).SequenceEqual(loaded.Faults)
                && ScenarioWriter.ToYaml(recording with { Faults = loaded.Faults }) == ScenarioWriter.ToYaml(loaded);
            if (!sameRun)
            {
                throw new ScenarioException($"they belong to another run than this {SideOf(key).Name} side");
            }

            Stop();
            session.Load(loaded, recording.Faults[own..]);
            Restart();
        }
    }

    /// <summary>Forgets every fault added here by hand on both sides and starts both again from the beginning.</summary>
    public void ClearHandFaults()
    {
        lock (gate)
        {
            Stop();
            Left.ClearHandFaults();
            Right.ClearHandFaults();
            leftHandNotes.Clear();
            rightHandNotes.Clear();
            clock = 0;
            Publish();
        }
    }

    /// <summary>How many faults were added here by hand (the larger count of the two sides: a message fault goes to one side).</summary>
    public int HandFaults => Math.Max(Left.HandFaults, Right.HandFaults);

    public CompareSide SideOf(CompareSideKey key) => key == CompareSideKey.Left ? LeftSide : RightSide;

    public PlaybackSession SessionOf(CompareSideKey key) => key == CompareSideKey.Left ? Left : Right;

    /// <summary>Advances both sides by wall-clock time at the current speed (the play timer's work).</summary>
    public void Advance(TimeSpan elapsed)
    {
        lock (gate)
        {
            if (!player.Move(elapsed, Speed, ticks => MoveBoth(clock + ticks), Fail))
            {
                return;
            }

            var next = Build();
            if (next.Left.Snapshot.Finished && next.Right.Snapshot.Finished)
            {
                player.Stop();
            }
            else if (next.BothEnded && !playThroughEnd)
            {
                // Both have ended (one stands still): playing on would only repeat its requests.
                player.Stop();
                heldAtEnd = true;
            }

            Publish();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            player.Stop();
        }

        Left.Dispose();
        Right.Dispose();
    }

    private void Stop()
    {
        player.Stop();
        heldAtEnd = false;
    }

    private void MoveBoth(long tick)
    {
        var at = Math.Min(tick, Math.Max(LeftSide.Scenario.MaxTicks, RightSide.Scenario.MaxTicks));
        Left.RunTo(at);
        Right.RunTo(at);
        clock = Math.Max(clock, at);
    }

    /// <summary>
    /// When the side's next event happens, or null once its run is over. The session does not show its
    /// queue, so a replay of its recording to the same event count takes one step and reads the clock
    /// (a replay of a Lab-sized run takes well under a millisecond).
    /// </summary>
    private static long? NextEventTick(PlaybackSession session)
    {
        var at = session.Snapshot;
        if (at.Finished)
        {
            return null;
        }

        var probe = Simulator.Create(session.Recording);
        probe.RunUntilEvent(at.Events);
        return probe.Step() ? probe.Tick : null;
    }

    private static long? LastEventTickBefore(PlaybackSession session, long tick) => session.Read(sim =>
    {
        var events = sim.Trace.Events;
        for (var i = events.Count - 1; i >= 0; i--)
        {
            if (events[i].Tick < tick)
            {
                return (long?)events[i].Tick;
            }
        }

        return null;
    });

    private CompareFrame Build()
    {
        var left = Left.Frame;
        var right = Right.Frame;
        string? difference = null;
        var (leftEnded, rightEnded) = (CompareFrame.HasEnded(left), CompareFrame.HasEnded(right));
        if (leftEnded && rightEnded)
        {
            difference = CompareVerdict.Difference(
                LeftSide.Name, Left.Read(sim => sim.Result()), left.Snapshot,
                RightSide.Name, Right.Read(sim => sim.Result()), right.Snapshot);
        }

        return new CompareFrame(left, right, clock, player.Running, Speed,
            [.. LeftSide.Notes, .. leftHandNotes], [.. RightSide.Notes, .. rightHandNotes], difference)
        {
            HeldAtEnd = heldAtEnd,
            OneSided = FaultParity.Find(Mode, LeftSide, RightSide, Left, Right, leftEnded, rightEnded),
        };
    }

    /// <summary>The play timer's move failed: keep the error for the page to show.</summary>
    private void Fail(Exception failure)
    {
        Failure = failure;
        Publish();
    }

    private void Publish()
    {
        var next = Build();
        Volatile.Write(ref frame, next);
        Published?.Invoke(next);
    }
}
