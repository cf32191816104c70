namespace CommitLab.Engine.Protocols;

/// <summary>
/// What a Paxos Commit message is about besides its value: the participant's instance (1..n), the
/// ballot, and in a phase 1b the ballot the reported value was accepted at. All zero for other messages.
/// </summary>
public readonly record struct PaxosSlot(int Instance, int Ballot, int Accepted)
{
    public bool IsPaxos => Instance != 0;
}
