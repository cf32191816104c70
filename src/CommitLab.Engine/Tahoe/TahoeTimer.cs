namespace CommitLab.Engine.Tahoe;

/// <summary>The timers Tahoe nodes set. Setting one replaces the node's earlier timer of the same kind.</summary>
public enum TahoeTimer : byte
{
    /// <summary>A writer resends its current request to the servers that have not answered.</summary>
    Resend,

    /// <summary>A refused 2PC writer waits this long before trying again.</summary>
    Backoff,

    /// <summary>The magic-folder reader reads every server's logs again.</summary>
    Poll,
}
