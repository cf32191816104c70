namespace CommitLab.Web.Lab;

/// <summary>
/// A point in a run: how many events were processed and the clock. Both are needed to return to it
/// exactly: several events can share a tick, and a paused run's clock can stand between events.
/// </summary>
public readonly record struct TimelinePosition(long Events, long Tick)
{
    /// <summary>Whether this point lies before <paramref name="head"/> on either count: a cursor scrubbed back.</summary>
    public bool IsBehind(TimelinePosition head) => Events < head.Events || Tick < head.Tick;

    /// <summary>The furthest of two points: more events, or as many and a later clock. How a timeline's end moves.</summary>
    public static TimelinePosition Furthest(TimelinePosition a, TimelinePosition b) =>
        b.Events > a.Events || (b.Events == a.Events && b.Tick > a.Tick) ? b : a;
}
