namespace CommitLab.Engine.Protocols;

/// <summary>Which protocol a run uses: an atomic commitment protocol, one of the Tahoe-LAFS models, or the two generals.</summary>
public enum ProtocolKind
{
    /// <summary>Two-phase commit: prepare, vote, decision, ack.</summary>
    TwoPhase,

    /// <summary>Three-phase commit (Skeen): can-commit, vote, pre-commit, ack, do-commit, ack.</summary>
    ThreePhase,

    /// <summary>Paxos Commit (Gray and Lamport): each participant's vote is chosen by Paxos among 2F+1 acceptors.</summary>
    PaxosCommit,

    /// <summary>Tahoe-LAFS: each writer writes its version to every server; a server keeps whatever arrived last.</summary>
    TahoeUncoordinated,

    /// <summary>Tahoe-LAFS with end-to-end two-phase commit: each writer is the coordinator of its own update.</summary>
    TahoeTwoPhase,

    /// <summary>Tahoe-LAFS magic folder: each writer appends to its own log, and a reader merges the logs.</summary>
    TahoeMagicFolder,

    /// <summary>The two generals as Sam and Jill's lunch: a proposal and acknowledgements over one lossy link, and a deadline at noon.</summary>
    TwoGenerals,
}
