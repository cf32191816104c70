namespace CommitLab.Engine.Protocols.PaxosCommit;

/// <summary>
/// What Paxos Commit's roles send, log and become. Votes go to the acceptors as phase 2a proposals,
/// never to L as VOTE messages, and the acceptors never decide anything themselves.
/// </summary>
internal static class PaxosCommitVocabulary
{
    public static readonly ProtocolVocabulary Protocol = new(ProtocolKind.PaxosCommit,
    [
        new RoleVocabulary(
            PaxosCommitLeader.Instance,
            sends: [MessageKind.Prepare, MessageKind.Commit, MessageKind.Abort, MessageKind.Phase1a, MessageKind.Phase2a],
            logs: [LogRecordKind.Ballot, LogRecordKind.Commit, LogRecordKind.Abort],
            states: [Phase.Working, Phase.Committed, Phase.Aborted]),
        new RoleVocabulary(
            PaxosCommitParticipant.Instance,
            // PHASE-1A: an uncertain participant runs a recovery ballot of its own.
            sends: [MessageKind.Phase1a, MessageKind.Phase2a, MessageKind.Commit, MessageKind.Abort],
            logs: [LogRecordKind.Prepared, LogRecordKind.Ballot, LogRecordKind.Commit, LogRecordKind.Abort],
            states: [Phase.Working, Phase.Uncertain, Phase.Committed, Phase.Aborted]),
        new RoleVocabulary(
            PaxosAcceptor.Instance,
            sends: [MessageKind.Phase1b, MessageKind.Phase2b],
            logs: [LogRecordKind.Promised, LogRecordKind.Accepted],
            states: [Phase.Working]),
    ]);
}
