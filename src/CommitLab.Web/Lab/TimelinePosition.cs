namespace CommitLab.Web.Lab;

/// <summary>
/// A point in a run: how many events were processed and the clock. Both are needed to return to it
/// exactly: several events can share a tick, and a paused run's clock can stand between events.
/// </summary>
public readonly record struct TimelinePosition(long Events, long Tick);
