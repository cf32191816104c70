namespace CommitLab.Engine.Protocols.ThreePhase;

/// <summary>
/// What 3PC's roles send, log and become, the termination protocol included: a participant that
/// takes over as coordinator sends STATE-REQ, PRE-COMMIT and the decision itself.
/// </summary>
internal static class ThreePhaseVocabulary
{
    public static readonly ProtocolVocabulary Protocol = new(ProtocolKind.ThreePhase,
    [
        new RoleVocabulary(
            ThreePhaseCoordinator.Instance,
            sends: [MessageKind.CanCommit, MessageKind.PreCommit, MessageKind.DoCommit, MessageKind.Abort, MessageKind.DecisionReq, MessageKind.Decision],
            logs: [LogRecordKind.PreCommit, LogRecordKind.Commit, LogRecordKind.Abort, LogRecordKind.End],
            // Uncertain: recovered with PRE-COMMIT but no decision, so it asks.
            states: [Phase.Working, Phase.Uncertain, Phase.PreCommitted, Phase.Committed, Phase.Aborted]),
        new RoleVocabulary(
            ThreePhaseParticipant.Instance,
            sends:
            [
                MessageKind.VoteYes, MessageKind.VoteNo, MessageKind.Ack, MessageKind.DecisionReq, MessageKind.Decision,
                MessageKind.StateReq, MessageKind.StateReport, MessageKind.PreCommit, MessageKind.DoCommit, MessageKind.Abort,
            ],
            logs: [LogRecordKind.Prepared, LogRecordKind.PreCommit, LogRecordKind.Commit, LogRecordKind.Abort],
            states: [Phase.Working, Phase.Uncertain, Phase.PreCommitted, Phase.Committed, Phase.Aborted]),
    ]);
}
