namespace CommitLab.Engine.Protocols.PaxosCommit;

/// <summary>
/// What a ballot's leader knows about one participant's instance in that ballot.
/// </summary>
/// <param name="Promised">Acceptors (a bit per node) that promised the ballot in phase 1b.</param>
/// <param name="HighestAccepted">The highest ballot any of them reported a value accepted at, or -1.</param>
/// <param name="Proposal">The value accepted at that ballot: Paxos obliges the leader to propose it again.</param>
/// <param name="Proposed">Phase 2a has been sent for this ballot.</param>
/// <param name="Accepted">Acceptors that accepted in phase 2b.</param>
/// <param name="Chosen">The instance's value once a majority accepted it (Commit = Prepared, Abort = Aborted).</param>
public readonly record struct InstanceProgress(ulong Promised, int HighestAccepted, Outcome Proposal, bool Proposed, ulong Accepted, Outcome Chosen)
{
    public static InstanceProgress Unknown => new(0, -1, Outcome.None, false, 0, Outcome.None);
}
