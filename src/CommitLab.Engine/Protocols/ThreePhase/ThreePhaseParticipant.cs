namespace CommitLab.Engine.Protocols.ThreePhase;

/// <summary>
/// A 3PC participant. Like 2PC it votes after forcing PREPARED; then PRE-COMMIT moves it to
/// pre-committed. When its failure detector suspects L it runs <see cref="ThreePhaseTermination"/>
/// instead of waiting: 3PC's promise is that with crash failures and an honest detector nobody blocks.
/// </summary>
public sealed class ThreePhaseParticipant : ProtocolRole<ThreePhaseParticipantState>
{
    public static readonly ThreePhaseParticipant Instance = new();

    public override string Name => "participant";

    public override NodeState Start(NodeContext ctx, Outbox outbox)
    {
        outbox.Acquire(ctx.Resource);
        return ThreePhaseParticipantState.Of(Phase.Working);
    }

    public override NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox)
    {
        var decision = LoggedDecision(log);
        if (decision != Outcome.None)
        {
            outbox.Enter(PhaseOf(decision));
            return ThreePhaseParticipantState.Of(PhaseOf(decision));
        }

        if (!log.Contains(LogRecordKind.Prepared))
        {
            outbox.Append(LogRecordKind.Abort, forced: false);
            outbox.Decide(Outcome.Abort);
            return ThreePhaseParticipantState.Of(Phase.Aborted);
        }

        // Voted yes, outcome unknown. The others may have finished without it: ask, never decide alone.
        var phase = log.Contains(LogRecordKind.PreCommit) ? Phase.PreCommitted : Phase.Uncertain;
        outbox.Acquire(ctx.Resource);
        outbox.Enter(phase);
        var s = new ThreePhaseParticipantState(phase, Recovered: true);
        AskAround(ctx, suspected, outbox);
        return ThreePhaseTermination.OnSuspicion(ctx, s, suspected, outbox);
    }

    protected override ThreePhaseParticipantState Handle(NodeContext ctx, ThreePhaseParticipantState s, in Message m, ulong suspected, Outbox outbox)
    {
        switch (m.Kind)
        {
            case MessageKind.CanCommit:
                return Vote(ctx, s, outbox);

            case MessageKind.PreCommit:
                if (s.Phase == Phase.Uncertain)
                {
                    outbox.Append(LogRecordKind.PreCommit, forced: true);
                    outbox.Enter(Phase.PreCommitted);
                    outbox.SetTimer(TimerKind.Decision, ctx.Timeouts.Decision);
                    s = s.In(Phase.PreCommitted);
                }

                if (s.Phase == Phase.PreCommitted)
                {
                    outbox.Send(m.From, MessageKind.Ack, Outcome.None, Phase.PreCommitted);
                }

                return s;

            case MessageKind.DoCommit or MessageKind.Abort:
                var decision = m.Kind == MessageKind.DoCommit ? Outcome.Commit : Outcome.Abort;
                s = ThreePhaseTermination.Adopt(s, decision, outbox);
                outbox.Send(m.From, MessageKind.Ack, decision);
                return s;

            case MessageKind.Decision when m.Decision != Outcome.None:
                return ThreePhaseTermination.Adopt(s, m.Decision, outbox);

            case MessageKind.Decision when m.From == ctx.Coordinator && m.FromRecovery && !s.CoordinatorLost && !s.IsDecided:
                // L came back without a decision and will not take one alone: terminate without it.
                return ThreePhaseTermination.OnSuspicion(ctx, s with { CoordinatorLost = true }, suspected, outbox);

            case MessageKind.DecisionReq:
                outbox.Send(m.From, MessageKind.Decision, s.Decision);
                return s;

            case MessageKind.StateReq:
                if (s.Phase == Phase.Working)
                {
                    // Not voted yet: abort on its own, which makes the termination protocol abort.
                    s = ThreePhaseTermination.Adopt(s, Outcome.Abort, outbox);
                }

                outbox.Send(m.From, MessageKind.StateReport, s.Decision, s.Phase, s.Recovered);
                return s;

            case MessageKind.StateReport:
                return ThreePhaseTermination.OnReport(ctx, s, m, suspected, outbox);

            case MessageKind.Ack when m.Decision == Outcome.None && m.State == Phase.PreCommitted:
                return ThreePhaseTermination.OnPreCommitAck(ctx, s, m.From, suspected, outbox);

            default:
                return s;
        }
    }

    protected override ThreePhaseParticipantState Timeout(NodeContext ctx, ThreePhaseParticipantState s, TimerKind timer, ulong suspected, Outbox outbox)
    {
        if (s.IsDecided)
        {
            return s;
        }

        switch (timer)
        {
            case TimerKind.Decision when s.Phase != Phase.Working:
                AskAround(ctx, suspected, outbox);
                return s;

            case TimerKind.Resend when s.Leading:
                return ThreePhaseTermination.Resend(ctx, s, suspected, outbox);

            default:
                return s;
        }
    }

    protected override ThreePhaseParticipantState Suspicion(NodeContext ctx, ThreePhaseParticipantState s, ulong suspected, Outbox outbox) =>
        ThreePhaseTermination.OnSuspicion(ctx, s, suspected, outbox);

    private static ThreePhaseParticipantState Vote(NodeContext ctx, ThreePhaseParticipantState s, Outbox outbox)
    {
        switch (s.Phase)
        {
            case Phase.Working when ctx.VotesNo:
                s = ThreePhaseTermination.Adopt(s, Outcome.Abort, outbox);
                outbox.Send(ctx.Coordinator, MessageKind.VoteNo);
                return s;

            case Phase.Working:
                outbox.Append(LogRecordKind.Prepared, forced: true);
                outbox.Enter(Phase.Uncertain);
                outbox.Send(ctx.Coordinator, MessageKind.VoteYes);
                outbox.SetTimer(TimerKind.Decision, ctx.Timeouts.Decision);
                return s.In(Phase.Uncertain);

            case Phase.Uncertain or Phase.PreCommitted:
                outbox.Send(ctx.Coordinator, MessageKind.VoteYes);
                return s;

            case Phase.Aborted:
                outbox.Send(ctx.Coordinator, MessageKind.VoteNo);
                return s;

            default:
                return s;
        }
    }

    /// <summary>Ask every node it does not suspect whether anyone knows the outcome.</summary>
    private static void AskAround(NodeContext ctx, ulong suspected, Outbox outbox)
    {
        if ((suspected & NodeContext.Bit(ctx.Coordinator)) == 0)
        {
            outbox.Send(ctx.Coordinator, MessageKind.DecisionReq);
        }

        foreach (var p in ctx.Participants)
        {
            if (p != ctx.Self && (suspected & NodeContext.Bit(p)) == 0)
            {
                outbox.Send(p, MessageKind.DecisionReq);
            }
        }

        outbox.SetTimer(TimerKind.Decision, ctx.Timeouts.Decision);
    }
}
