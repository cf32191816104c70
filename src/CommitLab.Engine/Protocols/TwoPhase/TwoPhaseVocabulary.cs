namespace CommitLab.Engine.Protocols.TwoPhase;

/// <summary>
/// What 2PC's roles send, log and become, presumptions, read-only votes, cooperative termination and
/// the outcome log included. There is no pre-commit round: no PRE-COMMIT message, record or state.
/// </summary>
internal static class TwoPhaseVocabulary
{
    public static readonly ProtocolVocabulary Protocol = new(ProtocolKind.TwoPhase,
    [
        new RoleVocabulary(
            TwoPhaseCoordinator.Instance,
            // DECISION answers a participant that asks; COMMIT or ABORT also goes to the outcome log.
            sends: [MessageKind.Prepare, MessageKind.Commit, MessageKind.Abort, MessageKind.Decision],
            // COLLECTING only under presumed commit.
            logs: [LogRecordKind.Collecting, LogRecordKind.Commit, LogRecordKind.Abort, LogRecordKind.End],
            states: [Phase.Working, Phase.Committed, Phase.Aborted]),
        new RoleVocabulary(
            TwoPhaseParticipant.Instance,
            // DECISION-REQ and DECISION are also asked of and told to peers (cooperative termination).
            sends: [MessageKind.VoteYes, MessageKind.VoteNo, MessageKind.VoteReadOnly, MessageKind.Ack, MessageKind.DecisionReq, MessageKind.Decision],
            logs: [LogRecordKind.Prepared, LogRecordKind.Commit, LogRecordKind.Abort],
            states: [Phase.Working, Phase.Uncertain, Phase.Committed, Phase.Aborted, Phase.ReadOnly]),
        new RoleVocabulary(
            OutcomeLogNode.Instance,
            sends: [MessageKind.Ack, MessageKind.Decision],
            logs: [LogRecordKind.Commit, LogRecordKind.Abort],
            states: [Phase.Working, Phase.Committed, Phase.Aborted]),
    ]);
}
