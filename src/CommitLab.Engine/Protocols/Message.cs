namespace CommitLab.Engine.Protocols;

/// <summary>
/// A protocol message as a node sees it. Nodes are indices: 0 is L, 1..n the participants, n+1 the
/// outcome log when the run has one. <see cref="Decision"/> and <see cref="State"/> carry the payload of
/// decision, ack and state-report messages; <see cref="FromRecovery"/> marks a state report from a node
/// that crashed and came back, which the 3PC termination protocol must not trust on its own.
/// Paxos Commit messages also name the <see cref="Instance"/> (the participant whose vote it is about),
/// the <see cref="Ballot"/>, and in a phase 1b the ballot the reported value was <see cref="Accepted"/> at;
/// their value (Prepared or Aborted) travels in <see cref="Decision"/> as Commit or Abort.
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
    int Instance = 0,
    int Ballot = 0,
    int Accepted = 0,
    MessageBody? Body = null)
{
    /// <summary>The Paxos fields as the trace keeps them (all zero for 2PC and 3PC messages).</summary>
    public PaxosSlot Slot => new(Instance, Ballot, Accepted);
}
