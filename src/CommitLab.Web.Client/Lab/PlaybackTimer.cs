namespace CommitLab.Web.Lab;

/// <summary>
/// The play timer both Lab sessions (2PC/3PC and Tahoe-LAFS) run on: every 50 ms it measures the
/// wall-clock time since the last tick and turns it into whole simulation ticks at a rate, carrying
/// the fraction over, so playback speed does not depend on the timer's jitter. The owning session
/// calls <see cref="Start"/> and <see cref="Stop"/> under its own lock, passes that lock in, and
/// advances its run in the callback through <see cref="Move"/>.
/// </summary>
public sealed class PlaybackTimer(TimeProvider time, object gate, Action<TimeSpan> advance)
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(50);

    private ITimer? timer;
    private double pendingTicks;
    private long lastAdvance;

    public bool Running { get; private set; }

    public void Start()
    {
        Running = true;
        pendingTicks = 0;
        lastAdvance = time.GetTimestamp();
        timer = time.CreateTimer(_ => OnTimer(), null, Period, Period);
    }

    public void Stop()
    {
        Running = false;
        timer?.Dispose();
        timer = null;
    }

    /// <summary>
    /// The play timer's step, for the owning session to call under its lock: moves the run by the whole
    /// ticks <paramref name="elapsed"/> is worth at <paramref name="speed"/>. An exception from
    /// <paramref name="move"/> stops playing and goes to <paramref name="failed"/>, because on the
    /// timer's thread nobody could catch it and it would end the process. Returns false when nothing
    /// moved (no whole tick due yet, or the move failed), true when the session should look at where
    /// its run now stands.
    /// </summary>
    public bool Move(TimeSpan elapsed, double speed, Action<long> move, Action<Exception> failed)
    {
        var whole = TakeTicks(elapsed, PlaybackSpeed.TicksPerSecondAt1x * speed);
        if (whole <= 0)
        {
            return false;
        }

        try
        {
            move(whole);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Stop();
            failed(e);
            return false;
        }

        return true;
    }

    /// <summary>Adds elapsed time at a rate and returns the whole ticks now due (the fraction waits for the next call).</summary>
    private long TakeTicks(TimeSpan elapsed, double ticksPerSecond)
    {
        pendingTicks += elapsed.TotalSeconds * ticksPerSecond;
        var whole = (long)pendingTicks;
        if (whole > 0)
        {
            pendingTicks -= whole;
        }

        return Math.Max(whole, 0);
    }

    private void OnTimer()
    {
        TimeSpan elapsed;
        lock (gate)
        {
            if (!Running)
            {
                return;
            }

            var now = time.GetTimestamp();
            elapsed = time.GetElapsedTime(lastAdvance, now);
            lastAdvance = now;
        }

        advance(elapsed);
    }
}
