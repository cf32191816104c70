namespace CommitLab.Engine.Faults;

/// <summary>When a scheduled fault fires.</summary>
public abstract record FaultTiming
{
    private FaultTiming()
    {
    }

    /// <summary>At a tick, before any other event of that tick (scenario key <c>at:</c>).</summary>
    public sealed record AtTick(long Tick) : FaultTiming;

    /// <summary>When a protocol event happens (scenario key <c>when:</c>).</summary>
    public sealed record OnTrigger(Trigger Trigger) : FaultTiming;

    /// <summary>
    /// After the run has processed exactly this many events (scenario key <c>afterEvent:</c>).
    /// Faults injected by hand in the Lab are recorded this way, because a tick alone would not say
    /// where among that tick's events the click landed, and replay must be exact. <paramref name="Tick"/>
    /// is the clock when the fault struck (a paused or slowly playing run advances the clock between
    /// events); replay moves the clock there first. Scenario files write it as <c>{ afterEvent: 57, at: 130 }</c>.
    /// </summary>
    public sealed record AfterEvent(long Count, long? Tick = null) : FaultTiming;
}
