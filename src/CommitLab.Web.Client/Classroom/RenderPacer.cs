namespace CommitLab.Web.Classroom;

/// <summary>What a page should do with an update of the room.</summary>
public enum PaceDecision
{
    /// <summary>Render now.</summary>
    Now,

    /// <summary>Render after the returned delay (one render is now scheduled).</summary>
    Later,

    /// <summary>A render is already scheduled and will show this update too.</summary>
    Pending,
}

/// <summary>
/// Paces a student page's renders while the room's run plays. The room updates up to 20 times a
/// second, more than a phone needs to follow the run: while playing, a page renders at most once per
/// interval and always shows the newest frame, which halves what each page receives and the
/// browser's work (measured in docs/performance.md, "Classroom (load)"). Anything urgent (the run
/// stopped: a step, a fault while paused, a poll) renders at once. Thread-safe.
/// </summary>
public sealed class RenderPacer(TimeSpan interval, TimeProvider? time = null)
{
    /// <summary>About seven frames a second: messages still glide (the page's CSS transition covers the gap).</summary>
    public static readonly TimeSpan PlayingInterval = TimeSpan.FromMilliseconds(150);

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly object gate = new();
    private long lastRender = long.MinValue;
    private bool pending;

    public (PaceDecision Decision, TimeSpan Delay) Next(bool urgent)
    {
        lock (gate)
        {
            if (pending)
            {
                return (PaceDecision.Pending, TimeSpan.Zero);
            }

            var since = lastRender == long.MinValue ? TimeSpan.MaxValue : clock.GetElapsedTime(lastRender);
            if (urgent || since >= interval)
            {
                lastRender = clock.GetTimestamp();
                return (PaceDecision.Now, TimeSpan.Zero);
            }

            pending = true;
            return (PaceDecision.Later, interval - since);
        }
    }

    /// <summary>The scheduled render happened.</summary>
    public void Rendered()
    {
        lock (gate)
        {
            pending = false;
            lastRender = clock.GetTimestamp();
        }
    }
}
