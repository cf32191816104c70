namespace CommitLab.Engine.Protocols.TwoPhase;

/// <summary>The 2PC coordinator's volatile state.</summary>
/// <param name="VotedYes">Participants whose YES has arrived.</param>
/// <param name="Decision">The decision once made (durable in the log from then on).</param>
/// <param name="Announced">The decision may be sent to participants: with an outcome log, only after it acknowledged.</param>
/// <param name="Acked">Participants that acknowledged the decision.</param>
/// <param name="VotedReadOnly">Participants that voted READ-ONLY: they take no part in phase two.</param>
public sealed record TwoPhaseCoordinatorState(Phase Phase, ulong VotedYes, Outcome Decision, bool Announced, ulong Acked, ulong VotedReadOnly = 0)
    : NodeState(Phase)
{
    // Node bit sets fit in 18 bits (at most 16 participants, L and LOG); rotation keeps a wider one whole.
    internal override (ulong First, ulong Second) FingerprintWords() =>
        (1UL | ((ulong)Phase << 8) | ((ulong)Decision << 16) | (Announced ? 1UL << 24 : 0), VotedYes ^ Simulation.StateHasher.Rotl(Acked, 20) ^ Simulation.StateHasher.Rotl(VotedReadOnly, 40));
}

/// <summary>
/// L in two-phase commit: ask everyone to prepare, decide commit only on a unanimous YES, force the
/// decision to the log before telling anyone (recovery depends on that order), then resend it until
/// every participant has acknowledged. Under a presumption the presumed outcome is neither
/// acknowledged nor (for presumed abort) forced, and presumed commit forces a COLLECTING record before
/// PREPARE so that recovery can tell an unfinished transaction from a committed one it forgot.
/// </summary>
public sealed class TwoPhaseCoordinator : ProtocolRole<TwoPhaseCoordinatorState>
{
    public static readonly TwoPhaseCoordinator Instance = new();

    public override string Name => "coordinator";

    public override NodeState Start(NodeContext ctx, Outbox outbox)
    {
        if (ctx.Presume == Presumption.Commit)
        {
            // Without this record a coordinator that crashed during voting would recover with an empty
            // log and presume commit for a transaction that never decided.
            outbox.Append(LogRecordKind.Collecting, forced: true);
        }

        foreach (var p in ctx.Participants)
        {
            outbox.Send(p, MessageKind.Prepare);
        }

        outbox.SetTimer(TimerKind.Vote, ctx.Timeouts.Vote);
        outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
        return new TwoPhaseCoordinatorState(Phase.Working, 0, Outcome.None, false, 0);
    }

    public override NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox)
    {
        var decision = LoggedDecision(log);
        if (log.Contains(LogRecordKind.End))
        {
            // Everyone acknowledged before the crash: the transaction is finished and forgotten.
            outbox.Enter(PhaseOf(decision));
            return new TwoPhaseCoordinatorState(PhaseOf(decision), 0, decision, true, ctx.AllParticipants);
        }

        if (decision == Outcome.None)
        {
            // No decision was logged, so none was ever sent: aborting is safe and frees the participants.
            return Decide(ctx, new TwoPhaseCoordinatorState(Phase.Working, 0, Outcome.None, false, 0), Outcome.Abort, outbox);
        }

        outbox.Enter(PhaseOf(decision));
        if (!NeedsAcks(ctx, decision))
        {
            // The presumed outcome: nobody acknowledges it, so there is nothing to resend; a participant
            // that missed it asks and gets the same answer.
            return new TwoPhaseCoordinatorState(PhaseOf(decision), 0, decision, true, ctx.AllParticipants);
        }

        return Publish(ctx, new TwoPhaseCoordinatorState(PhaseOf(decision), 0, decision, false, 0), outbox);
    }

    protected override TwoPhaseCoordinatorState Handle(NodeContext ctx, TwoPhaseCoordinatorState s, in Message m, ulong suspected, Outbox outbox)
    {
        var from = NodeContext.Bit(m.From);
        switch (m.Kind)
        {
            case MessageKind.VoteYes when s.Decision == Outcome.None:
                s = s with { VotedYes = s.VotedYes | from };
                return (s.VotedYes | s.VotedReadOnly) == ctx.AllParticipants ? Decide(ctx, s, Outcome.Commit, outbox) : s;

            case MessageKind.VoteNo when s.Decision == Outcome.None:
                return Decide(ctx, s, Outcome.Abort, outbox);

            case MessageKind.VoteReadOnly when s.Decision == Outcome.None:
                s = s with { VotedReadOnly = s.VotedReadOnly | from };
                return (s.VotedYes | s.VotedReadOnly) == ctx.AllParticipants ? Decide(ctx, s, Outcome.Commit, outbox) : s;

            case MessageKind.VoteYes or MessageKind.VoteNo when s.Announced:
                // A late or repeated vote: the sender missed the decision, so tell it again.
                outbox.Send(m.From, DecisionMessage(s.Decision));
                return s;

            case MessageKind.Ack when m.From == ctx.OutcomeLog && !s.Announced && s.Decision != Outcome.None:
                return Announce(ctx, s with { Announced = true }, outbox);

            case MessageKind.Ack when m.From != ctx.OutcomeLog && s.Announced:
                var acked = s.Acked | from;
                if ((acked | s.VotedReadOnly) == ctx.AllParticipants && (s.Acked | s.VotedReadOnly) != ctx.AllParticipants)
                {
                    // Everyone knows: the coordinator may forget the transaction.
                    outbox.Append(LogRecordKind.End, forced: false);
                    outbox.CancelTimer(TimerKind.Resend);
                }

                return s with { Acked = acked };

            case MessageKind.DecisionReq:
                // An uncertain participant asks. Before the decision is durable the answer is "not yet".
                outbox.Send(m.From, MessageKind.Decision, s.Decision);
                return s;

            default:
                return s;
        }
    }

    protected override TwoPhaseCoordinatorState Timeout(NodeContext ctx, TwoPhaseCoordinatorState s, TimerKind timer, ulong suspected, Outbox outbox)
    {
        switch (timer)
        {
            case TimerKind.Vote when s.Decision == Outcome.None:
                // No reply counts as NO: the coordinator may always abort before it has decided.
                return Decide(ctx, s, Outcome.Abort, outbox);

            case TimerKind.Resend when s.Decision == Outcome.None:
                foreach (var p in ctx.Participants)
                {
                    if (((s.VotedYes | s.VotedReadOnly) & NodeContext.Bit(p)) == 0)
                    {
                        outbox.Send(p, MessageKind.Prepare);
                    }
                }

                outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
                return s;

            case TimerKind.Resend when !s.Announced:
                outbox.Send(ctx.OutcomeLog, DecisionMessage(s.Decision));
                outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
                return s;

            case TimerKind.Resend when (s.Acked | s.VotedReadOnly) != ctx.AllParticipants:
                foreach (var p in ctx.Participants)
                {
                    if (((s.Acked | s.VotedReadOnly) & NodeContext.Bit(p)) == 0)
                    {
                        outbox.Send(p, DecisionMessage(s.Decision));
                    }
                }

                outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
                return s;

            default:
                return s;
        }
    }

    private static TwoPhaseCoordinatorState Decide(NodeContext ctx, TwoPhaseCoordinatorState s, Outcome decision, Outbox outbox)
    {
        s = s with { Phase = PhaseOf(decision), Decision = decision };
        if (decision == Outcome.Commit && s.VotedYes == 0)
        {
            // Everyone voted READ-ONLY: nobody has anything to commit or to be told, so there is
            // nothing to force and no phase two.
            outbox.Append(LogRecordKind.Commit, forced: false);
            outbox.Decide(decision);
            outbox.CancelTimer(TimerKind.Vote);
            outbox.Append(LogRecordKind.End, forced: false);
            outbox.CancelTimer(TimerKind.Resend);
            return s with { Announced = true, Acked = ctx.AllParticipants };
        }

        // The forced write comes first: once anyone may hear the decision, a crash must not lose it.
        // Presumed abort is the exception: an abort lost in a crash is what recovery presumes anyway.
        outbox.Append(RecordOf(decision), forced: !(ctx.Presume == Presumption.Abort && decision == Outcome.Abort));
        outbox.Decide(decision);
        outbox.CancelTimer(TimerKind.Vote);
        return Publish(ctx, s, outbox);
    }

    /// <summary>Whether participants acknowledge this decision: every one in basic 2PC, none for the presumed outcome.</summary>
    private static bool NeedsAcks(NodeContext ctx, Outcome decision) => decision != ctx.Presumed;

    /// <summary>With an outcome log, record the decision there first; otherwise announce it.</summary>
    private static TwoPhaseCoordinatorState Publish(NodeContext ctx, TwoPhaseCoordinatorState s, Outbox outbox)
    {
        if (ctx.HasOutcomeLog)
        {
            outbox.Send(ctx.OutcomeLog, DecisionMessage(s.Decision));
            outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
            return s with { Announced = false };
        }

        return Announce(ctx, s with { Announced = true }, outbox);
    }

    private static TwoPhaseCoordinatorState Announce(NodeContext ctx, TwoPhaseCoordinatorState s, Outbox outbox)
    {
        foreach (var p in ctx.Participants)
        {
            // A read-only participant has left: it gets no phase two.
            if ((s.VotedReadOnly & NodeContext.Bit(p)) == 0)
            {
                outbox.Send(p, DecisionMessage(s.Decision));
            }
        }

        if (!NeedsAcks(ctx, s.Decision))
        {
            // No acknowledgements to wait for: the coordinator forgets the transaction at once.
            outbox.CancelTimer(TimerKind.Resend);
            return s with { Acked = ctx.AllParticipants };
        }

        outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
        return s;
    }

    private static MessageKind DecisionMessage(Outcome decision) => decision == Outcome.Commit ? MessageKind.Commit : MessageKind.Abort;
}
