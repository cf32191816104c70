namespace CommitLab.Engine.Protocols;

/// <summary>What a node writes to its durable log.</summary>
public enum LogRecordKind : byte
{
    /// <summary>A participant promises to commit if told to; written before it votes yes.</summary>
    Prepared,

    /// <summary>3PC: the node has been told everyone voted yes.</summary>
    PreCommit,

    Commit,
    Abort,

    /// <summary>The coordinator has every acknowledgement and may forget the transaction.</summary>
    End,

    /// <summary>
    /// Presumed commit: the coordinator names the participants before it sends PREPARE, so that after a
    /// crash it knows a transaction was in flight and aborts it instead of presuming commit.
    /// </summary>
    Collecting,

    /// <summary>
    /// A node's whole state, written as one record (the Tahoe-LAFS nodes persist state, not protocol
    /// records): the entry's <see cref="Simulation.LogEntry.Saved"/> holds it and what it means in words.
    /// </summary>
    Checkpoint,
}
