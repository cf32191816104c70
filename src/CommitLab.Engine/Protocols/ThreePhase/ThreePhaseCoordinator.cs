namespace CommitLab.Engine.Protocols.ThreePhase;

/// <summary>The 3PC coordinator's volatile state.</summary>
/// <param name="VotedYes">Participants whose YES arrived.</param>
/// <param name="PreCommitAcked">Participants that acknowledged PRE-COMMIT.</param>
/// <param name="Decision">The decision once made.</param>
/// <param name="DecisionAcked">Participants that acknowledged the decision.</param>
/// <param name="Asking">Recovered with PRECOMMIT but no decision: it must ask, never decide alone.</param>
public sealed record ThreePhaseCoordinatorState(
    Phase Phase,
    ulong VotedYes,
    ulong PreCommitAcked,
    Outcome Decision,
    ulong DecisionAcked,
    bool Asking) : NodeState(Phase)
{
    // Node bit sets fit in 18 bits (at most 16 participants and L); rotation keeps a wider one whole.
    internal override (ulong First, ulong Second) FingerprintWords() =>
        (4UL | ((ulong)Phase << 8) | ((ulong)Decision << 16) | (Asking ? 1UL << 24 : 0), VotedYes ^ Simulation.StateHasher.Rotl(PreCommitAcked, 20) ^ Simulation.StateHasher.Rotl(DecisionAcked, 40));
}

/// <summary>
/// L in three-phase commit (Skeen). Between the votes and the decision sits an extra round,
/// PRE-COMMIT, so that no participant can be uncertain while another has committed. L commits once
/// every participant its failure detector does not suspect has acknowledged PRE-COMMIT: suspected
/// ones count as failed, which is exactly where an honest detector matters.
/// </summary>
public sealed class ThreePhaseCoordinator : ProtocolRole<ThreePhaseCoordinatorState>
{
    public static readonly ThreePhaseCoordinator Instance = new();

    /// <summary>
    /// L before any vote: one shared instance, since states compare by value and are never changed,
    /// so every run's start (and a recovery's fresh state) allocates nothing for it.
    /// </summary>
    private static readonly ThreePhaseCoordinatorState Fresh = new(Phase.Working, 0, 0, Outcome.None, 0, false);

    public override string Name => "coordinator";

    public override NodeState Start(NodeContext ctx, Outbox outbox)
    {
        foreach (var p in ctx.Participants)
        {
            outbox.Send(p, MessageKind.CanCommit);
        }

        outbox.SetTimer(TimerKind.Vote, ctx.Timeouts.Vote);
        outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
        return Fresh;
    }

    public override NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox)
    {
        var decision = LoggedDecision(log);
        var fresh = Fresh;
        if (decision != Outcome.None)
        {
            outbox.Enter(PhaseOf(decision));
            var decided = fresh with { Phase = PhaseOf(decision), Decision = decision };
            if (log.Contains(LogRecordKind.End))
            {
                return decided with { DecisionAcked = ctx.AllParticipants };
            }

            return Announce(ctx, decided, outbox);
        }

        if (!log.Contains(LogRecordKind.PreCommit))
        {
            // PRE-COMMIT was never logged, so never sent: nobody can be pre-committed, nobody can commit.
            return Decide(ctx, fresh, Outcome.Abort, outbox);
        }

        // Participants may have terminated either way while L was down: ask them.
        outbox.Enter(Phase.Uncertain);
        AskEveryone(ctx, outbox);
        return fresh with { Phase = Phase.Uncertain, Asking = true };
    }

    protected override ThreePhaseCoordinatorState Handle(NodeContext ctx, ThreePhaseCoordinatorState s, in Message m, ulong suspected, Outbox outbox)
    {
        var from = NodeContext.Bit(m.From);
        switch (m.Kind)
        {
            case MessageKind.VoteYes when s.Phase == Phase.Working && !s.Asking:
                // One new state per vote, the last one already pre-committed (see below).
                var voted = s.VotedYes | from;
                if (voted != ctx.AllParticipants)
                {
                    return voted == s.VotedYes ? s : s with { VotedYes = voted };
                }

                // Everyone voted yes. Log it, then tell everyone so that nobody stays merely uncertain.
                outbox.Append(LogRecordKind.PreCommit, forced: true);
                outbox.Enter(Phase.PreCommitted);
                outbox.CancelTimer(TimerKind.Vote);
                foreach (var p in ctx.Participants)
                {
                    outbox.Send(p, MessageKind.PreCommit);
                }

                outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
                return s with { VotedYes = voted, Phase = Phase.PreCommitted };

            case MessageKind.VoteNo when s.Phase == Phase.Working && !s.Asking:
                return Decide(ctx, s, Outcome.Abort, outbox);

            case MessageKind.VoteYes when s.Phase == Phase.PreCommitted:
                outbox.Send(m.From, MessageKind.PreCommit);
                return s;

            case MessageKind.VoteYes or MessageKind.VoteNo when s.Decision != Outcome.None:
                outbox.Send(m.From, DecisionMessage(s.Decision));
                return s;

            case MessageKind.Ack when s.Phase == Phase.PreCommitted && m.Decision == Outcome.None:
                // As with the votes, one new state per acknowledgement, the last one already decided.
                var preCommitAcked = s.PreCommitAcked | from;
                if (WaitingFor(ctx, preCommitAcked, suspected) != 0)
                {
                    return preCommitAcked == s.PreCommitAcked ? s : s with { PreCommitAcked = preCommitAcked };
                }

                return Decide(ctx, s, Outcome.Commit, preCommitAcked, outbox);

            case MessageKind.Ack when s.Decision != Outcome.None && m.Decision == s.Decision:
                var acked = s.DecisionAcked | from;
                if (acked == ctx.AllParticipants && acked != s.DecisionAcked)
                {
                    outbox.Append(LogRecordKind.End, forced: false);
                    outbox.CancelTimer(TimerKind.Resend);
                }

                return acked == s.DecisionAcked ? s : s with { DecisionAcked = acked };

            case MessageKind.Decision when s.Asking && m.Decision != Outcome.None:
                outbox.Append(RecordOf(m.Decision), forced: true);
                outbox.Decide(m.Decision);
                outbox.CancelTimer(TimerKind.Decision);
                return s with { Phase = PhaseOf(m.Decision), Decision = m.Decision, Asking = false, DecisionAcked = ctx.AllParticipants };

            case MessageKind.DecisionReq:
                // While asking after a recovery, say so: participants then stop waiting for L and
                // settle it among themselves (L's log shows it never decided, so it cannot disagree).
                outbox.Send(m.From, MessageKind.Decision, s.Decision, fromRecovery: s.Asking);
                return s;

            default:
                return s;
        }
    }

    protected override ThreePhaseCoordinatorState Timeout(NodeContext ctx, ThreePhaseCoordinatorState s, TimerKind timer, ulong suspected, Outbox outbox)
    {
        switch (timer)
        {
            case TimerKind.Vote when s.Phase == Phase.Working && !s.Asking:
                return Decide(ctx, s, Outcome.Abort, outbox);

            case TimerKind.Decision when s.Asking:
                AskEveryone(ctx, outbox);
                return s;

            case TimerKind.Resend when s.Phase == Phase.Working && !s.Asking:
                ResendTo(ctx, ~s.VotedYes, MessageKind.CanCommit, outbox);
                return s;

            case TimerKind.Resend when s.Phase == Phase.PreCommitted:
                // Suspected participants count as failed: stop waiting for them.
                ResendTo(ctx, ~s.PreCommitAcked & ~suspected, MessageKind.PreCommit, outbox);
                return s;

            case TimerKind.Resend when s.Decision != Outcome.None && s.DecisionAcked != ctx.AllParticipants:
                ResendTo(ctx, ~s.DecisionAcked, DecisionMessage(s.Decision), outbox);
                return s;

            default:
                return s;
        }
    }

    protected override ThreePhaseCoordinatorState Suspicion(NodeContext ctx, ThreePhaseCoordinatorState s, ulong suspected, Outbox outbox) =>
        s.Phase == Phase.PreCommitted ? TryCommit(ctx, s, suspected, outbox) : s;

    private static ThreePhaseCoordinatorState TryCommit(NodeContext ctx, ThreePhaseCoordinatorState s, ulong suspected, Outbox outbox) =>
        WaitingFor(ctx, s.PreCommitAcked, suspected) == 0 ? Decide(ctx, s, Outcome.Commit, outbox) : s;

    /// <summary>Participants whose PRE-COMMIT acknowledgement L still waits for: suspected ones count as failed.</summary>
    private static ulong WaitingFor(NodeContext ctx, ulong preCommitAcked, ulong suspected) => ctx.AllParticipants & ~suspected & ~preCommitAcked;

    private static ThreePhaseCoordinatorState Decide(NodeContext ctx, ThreePhaseCoordinatorState s, Outcome decision, Outbox outbox) =>
        Decide(ctx, s, decision, s.PreCommitAcked, outbox);

    /// <summary>Decides, with <paramref name="preCommitAcked"/> as the acknowledgements so far (the one that completes them arrives with the decision, in one new state).</summary>
    private static ThreePhaseCoordinatorState Decide(NodeContext ctx, ThreePhaseCoordinatorState s, Outcome decision, ulong preCommitAcked, Outbox outbox)
    {
        outbox.Append(RecordOf(decision), forced: true);
        outbox.Decide(decision);
        outbox.CancelTimer(TimerKind.Vote);
        return Announce(ctx, s with { Phase = PhaseOf(decision), Decision = decision, PreCommitAcked = preCommitAcked }, outbox);
    }

    private static ThreePhaseCoordinatorState Announce(NodeContext ctx, ThreePhaseCoordinatorState s, Outbox outbox)
    {
        foreach (var p in ctx.Participants)
        {
            outbox.Send(p, DecisionMessage(s.Decision));
        }

        outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
        return s;
    }

    private static void AskEveryone(NodeContext ctx, Outbox outbox)
    {
        foreach (var p in ctx.Participants)
        {
            outbox.Send(p, MessageKind.DecisionReq);
        }

        outbox.SetTimer(TimerKind.Decision, ctx.Timeouts.Decision);
    }

    private static void ResendTo(NodeContext ctx, ulong targets, MessageKind kind, Outbox outbox)
    {
        foreach (var p in ctx.Participants)
        {
            if ((targets & NodeContext.Bit(p)) != 0)
            {
                outbox.Send(p, kind);
            }
        }

        outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
    }

    private static MessageKind DecisionMessage(Outcome decision) => decision == Outcome.Commit ? MessageKind.DoCommit : MessageKind.Abort;
}
