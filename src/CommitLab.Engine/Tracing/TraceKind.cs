namespace CommitLab.Engine.Tracing;

/// <summary>Everything that can happen in a run, as the trace records it.</summary>
public enum TraceKind : byte
{
    Send,
    Deliver,
    Drop,
    Delay,
    TimerFired,
    Crash,
    Recover,
    Freeze,
    Unfreeze,
    Cut,
    Heal,
    Partition,
    HealAll,
    LogAppend,
    StateChange,
    Decision,
    Suspect,
    Unsuspect,
    LockAcquired,
    LockReleased,
    VoteNo,
    Fault,
    Violation,
}

/// <summary>Why a message never arrived.</summary>
public enum DropReason : byte
{
    None,

    /// <summary>The network lost it (the run's loss probability).</summary>
    Loss,

    /// <summary>Its link was cut while it was in flight, or when it was sent.</summary>
    LinkCut,

    /// <summary>It reached a node that was down.</summary>
    ReceiverDown,

    /// <summary>A fault dropped it on purpose.</summary>
    Injected,
}
