namespace CommitLab.Engine.Tahoe;

/// <summary>Everything that can happen in a Tahoe run, as its trace records it.</summary>
public enum TahoeTraceKind : byte
{
    Send,
    Deliver,
    Drop,
    Timer,
    Crash,
    Recover,
    Cut,
    Heal,
    HealAll,
    Log,
    Phase,
    Install,
    Lock,
    Unlock,
    Append,
    Merge,
    Fault,
}
