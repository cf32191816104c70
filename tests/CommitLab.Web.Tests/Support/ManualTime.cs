namespace CommitLab.Web.Tests.Support;

/// <summary>A clock that stands still until a test moves it, so time windows are tested without waiting.</summary>
public sealed class ManualTime : TimeProvider
{
    private DateTimeOffset now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => now;

    // Elapsed-time measurements (GetElapsedTime) follow the same hand-moved clock.
    public override long GetTimestamp() => now.UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by) => now += by;
}
