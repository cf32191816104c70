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

    /// <summary>Paxos Commit acceptor: it promised a ballot for an instance (forced before the phase 1b reply).</summary>
    Promised,

    /// <summary>Paxos Commit acceptor: it accepted a proposal for an instance (forced before the phase 2b reply).</summary>
    Accepted,

    /// <summary>Paxos Commit proposer: it started a ballot, so after a crash it never reuses the number.</summary>
    Ballot,

    /// <summary>
    /// A node's whole state, written as one record (the Tahoe-LAFS nodes persist state, not protocol
    /// records): the entry's <see cref="Simulation.LogEntry.Saved"/> holds it and what it means in words.
    /// </summary>
    Checkpoint,
}
