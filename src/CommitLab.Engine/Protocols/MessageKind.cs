namespace CommitLab.Engine.Protocols;

/// <summary>Every message any protocol sends. Scenario files use the kebab-case names.</summary>
public enum MessageKind : byte
{
    Prepare,
    VoteYes,
    VoteNo,
    Commit,
    Abort,
    Ack,
    CanCommit,
    PreCommit,
    DoCommit,
    DecisionReq,
    Decision,
    StateReq,
    StateReport,

    /// <summary>The read-only optimisation: the participant changed nothing, so it has no stake in the outcome and leaves phase two.</summary>
    VoteReadOnly,

    /// <summary>Paxos Commit, phase 1a: a proposer asks acceptors to promise a ballot for one participant's instance.</summary>
    Phase1a,

    /// <summary>Paxos Commit, phase 1b: an acceptor promises, reporting what it accepted for the instance, if anything.</summary>
    Phase1b,

    /// <summary>Paxos Commit, phase 2a: a proposal (Prepared or Aborted) for one instance at one ballot.</summary>
    Phase2a,

    /// <summary>Paxos Commit, phase 2b: an acceptor accepted a proposal and tells the ballot's leader.</summary>
    Phase2b,

    // Tahoe-LAFS: a writer reads the file from every storage server, then writes it (uncoordinated),
    // prepares and commits it with the 2PC kinds above, or appends to its own log (magic folder).
    Read,
    ReadReply,
    Write,
    WriteAck,
    Append,
    AppendAck,

    /// <summary>Two generals: Sam's first email, "sunny, let's eat outside"; every later email is an <see cref="Ack"/> of the one before.</summary>
    Proposal,
}
