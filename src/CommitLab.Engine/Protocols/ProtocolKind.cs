namespace CommitLab.Engine.Protocols;

/// <summary>Which atomic commitment protocol a run uses.</summary>
public enum ProtocolKind
{
    /// <summary>Two-phase commit: prepare, vote, decision, ack.</summary>
    TwoPhase,

    /// <summary>Three-phase commit (Skeen): can-commit, vote, pre-commit, ack, do-commit, ack.</summary>
    ThreePhase,

    /// <summary>Paxos Commit (Gray and Lamport): each participant's vote is chosen by Paxos among 2F+1 acceptors.</summary>
    PaxosCommit,
}
