using CommitLab.Engine.Tahoe;

namespace CommitLab.Web.Lab.Tahoe;

/// <summary>
/// One Lab run of a Tahoe-LAFS scenario: the simulator, playback and the snapshot the view reads.
/// Plain C#, no Blazor: components subscribe to <see cref="Changed"/>. Going back replays from the
/// start, which for runs of a few hundred events costs well under a millisecond.
/// </summary>
public sealed class TahoeLabSession : IDisposable
{
    /// <summary>Tahoe runs last a few hundred ticks; at 1x one second of wall time shows this many.</summary>
    public const double TicksPerSecond = 60;

    /// <summary>The Lab draws at most this many ticks of a run.</summary>
    public const long MaxTicks = 20_000;

    private readonly object gate = new();
    private readonly PlaybackTimer player;
    private TahoeSimulator sim;

    public TahoeLabSession(TimeProvider? time = null)
    {
        player = new PlaybackTimer(time ?? TimeProvider.System, gate, Advance);
        Scenario = new TahoeScenario { Title = "Tahoe-LAFS" };
        sim = TahoeSimulator.Create(Scenario);
        Snapshot = sim.Snapshot();
    }

    /// <summary>Raised after anything visible changed. May come from a timer thread.</summary>
    public event Action? Changed;

    public TahoeScenario Scenario { get; private set; }

    /// <summary>The library name of the loaded scenario, when it came from the library.</summary>
    public string? Name { get; private set; }

    public TahoeSnapshot Snapshot { get; private set; }

    public bool Playing => player.Running;

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
        var fresh = TahoeSimulator.Create(scenario with { MaxTicks = Math.Min(scenario.MaxTicks, MaxTicks) });
        lock (gate)
        {
            StopTimer();
            Scenario = fresh.Scenario;
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
            var whole = player.TakeTicks(elapsed, TicksPerSecond);
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
            var replay = TahoeSimulator.Create(Scenario);
            replay.RunUntil(Math.Clamp(tick, 0, Scenario.MaxTicks));
            sim = replay;
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

    private void StopTimer() => player.Stop();

    private void Publish()
    {
        Snapshot = sim.Snapshot();
        Changed?.Invoke();
    }
}
