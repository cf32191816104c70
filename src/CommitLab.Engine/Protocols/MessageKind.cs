namespace CommitLab.Engine.Protocols;

/// <summary>Every message either protocol sends. Scenario files use the kebab-case names.</summary>
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
}
