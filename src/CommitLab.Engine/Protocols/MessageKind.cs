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

    // Tahoe-LAFS: a writer reads the file from every storage server, then writes it (uncoordinated),
    // prepares and commits it with the 2PC kinds above, or appends to its own log (magic folder).
    Read,
    ReadReply,
    Write,
    WriteAck,
    Append,
    AppendAck,
}
