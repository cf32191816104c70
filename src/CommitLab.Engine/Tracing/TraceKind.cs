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

    /// <summary>A role's own step, in its words (a Tahoe writer "enters preparing (W1#1)"); Value is the step's code.</summary>
    Stage,

    /// <summary>A Tahoe storage server now holds a version of the file; Value packs it (see <see cref="Tahoe.FileVersion.Pack"/>).</summary>
    Install,

    /// <summary>A Tahoe storage server stores a writer's log entry (magic folder); Value is the writer's index.</summary>
    Store,

    /// <summary>The magic-folder reader shows the folder it merged.</summary>
    Merge,
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
