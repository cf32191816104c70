namespace CommitLab.Engine.Protocols.TwoPhase;

/// <summary>The outcome log's state: the decision it holds, if any.</summary>
public sealed record OutcomeLogState(Phase Phase, Outcome Recorded) : NodeState(Phase)
{
    internal override (ulong First, ulong Second) FingerprintWords() => (Fingerprint(), 0);

    // One word holds every field, so it needs no mixing.
    internal override ulong Fingerprint() => 3UL | ((ulong)Phase << 8) | ((ulong)Recorded << 16);
}

/// <summary>
/// The optional <c>LOG</c> node: a durable place where L records its decision before announcing it,
/// so participants can learn the outcome while L is down. Blocking then needs L and LOG both unreachable.
/// </summary>
public sealed class OutcomeLogNode : ProtocolRole<OutcomeLogState>
{
    public static readonly OutcomeLogNode Instance = new();

    public override string Name => "outcome log";

    public override NodeState Start(NodeContext ctx, Outbox outbox) => new OutcomeLogState(Phase.Working, Outcome.None);

    public override NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox)
    {
        var recorded = LoggedDecision(log);
        if (recorded != Outcome.None)
        {
            outbox.Enter(PhaseOf(recorded));
            return new OutcomeLogState(PhaseOf(recorded), recorded);
        }

        return new OutcomeLogState(Phase.Working, Outcome.None);
    }

    protected override OutcomeLogState Handle(NodeContext ctx, OutcomeLogState s, in Message m, ulong suspected, Outbox outbox)
    {
        switch (m.Kind)
        {
            case MessageKind.Commit or MessageKind.Abort when m.From == ctx.Coordinator:
                if (s.Recorded == Outcome.None)
                {
                    var decision = m.Kind == MessageKind.Commit ? Outcome.Commit : Outcome.Abort;
                    outbox.Append(RecordOf(decision), forced: true);
                    outbox.Enter(PhaseOf(decision));
                    s = new OutcomeLogState(PhaseOf(decision), decision);
                }

                outbox.Send(m.From, MessageKind.Ack, s.Recorded);
                return s;

            case MessageKind.DecisionReq:
                outbox.Send(m.From, MessageKind.Decision, s.Recorded);
                return s;

            default:
                return s;
        }
    }

    protected override OutcomeLogState Timeout(NodeContext ctx, OutcomeLogState s, TimerKind timer, ulong suspected, Outbox outbox) => s;
}
