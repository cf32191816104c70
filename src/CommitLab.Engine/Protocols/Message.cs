namespace CommitLab.Engine.Protocols;

/// <summary>
/// A protocol message as a node sees it. Nodes are indices: 0 is L, 1..n the participants, n+1 the
/// outcome log when the run has one. <see cref="Decision"/> and <see cref="State"/> carry the payload of
/// decision, ack and state-report messages; <see cref="FromRecovery"/> marks a state report from a node
/// that crashed and came back, which the 3PC termination protocol must not trust on its own.
/// <see cref="Body"/> carries a richer, immutable payload for protocols that need one (Tahoe-LAFS
/// versions and log entries); it is null for 2PC and 3PC, so their messages stay flat.
/// </summary>
public readonly record struct Message(
    MessageKind Kind,
    int From,
    int To,
    Outcome Decision = Outcome.None,
    Phase State = Phase.Working,
    bool FromRecovery = false,
    MessageBody? Body = null);
