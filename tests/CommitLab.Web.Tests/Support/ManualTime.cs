namespace CommitLab.Web.Tests.Support;

/// <summary>
/// A clock that stands still until a test moves it, so time windows are tested without waiting.
/// With <see cref="HoldTimers"/> its timers fire only when the test calls <see cref="FireTimers"/>
/// (a play timer's tick at a moment the test chooses); otherwise they are real timers.
/// </summary>
public sealed class ManualTime : TimeProvider
{
    private readonly List<HeldTimer> timers = [];
    private DateTimeOffset now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Timers wait for <see cref="FireTimers"/> instead of running on their own.</summary>
    public bool HoldTimers { get; init; }

    public override DateTimeOffset GetUtcNow() => now;

    // Elapsed-time measurements (GetElapsedTime) follow the same hand-moved clock.
    public override long GetTimestamp() => now.UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => now += by;

    /// <summary>Timers created and not yet disposed.</summary>
    public int LiveTimers
    {
        get
        {
            lock (timers)
            {
                return timers.Count;
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (!HoldTimers)
        {
            return base.CreateTimer(callback, state, dueTime, period);
        }

        var timer = new HeldTimer(this, () => callback(state));
        lock (timers)
        {
            timers.Add(timer);
        }

        return timer;
    }

    /// <summary>Runs every live timer's callback once, on the calling thread.</summary>
    public void FireTimers()
    {
        HeldTimer[] due;
        lock (timers)
        {
            due = [.. timers];
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    private sealed class HeldTimer(ManualTime owner, Action callback) : ITimer
    {
        private bool disposed;

        public void Fire()
        {
            if (!Volatile.Read(ref disposed))
            {
                callback();
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
            Volatile.Write(ref disposed, true);
            lock (owner.timers)
            {
                owner.timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
