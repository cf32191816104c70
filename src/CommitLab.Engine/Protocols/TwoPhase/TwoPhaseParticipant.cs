namespace CommitLab.Engine.Protocols.TwoPhase;

/// <summary>A 2PC participant's volatile state: only its phase.</summary>
public sealed record TwoPhaseParticipantState(Phase Phase) : NodeState(Phase)
{
    /// <summary>One shared state per phase: states compare by value, so sharing them is invisible, and a participant's step allocates nothing.</summary>
    private static readonly TwoPhaseParticipantState[] Shared = [.. Enum.GetValues<Phase>().Select(phase => new TwoPhaseParticipantState(phase))];

    /// <summary>The participant's state in <paramref name="phase"/> (shared: see <see cref="Shared"/>).</summary>
    public static TwoPhaseParticipantState Of(Phase phase) => (int)phase < Shared.Length ? Shared[(int)phase] : new(phase);

    internal override (ulong First, ulong Second) FingerprintWords() => (Fingerprint(), 0);

    // One word holds every field, so it needs no mixing.
    internal override ulong Fingerprint() => 2UL | ((ulong)Phase << 8);
}

/// <summary>
/// A 2PC participant. It holds its locks from the start. Before voting it may abort on its own; a YES
/// is a promise, so PREPARED is forced to the log first, and from then on it is uncertain: it may only
/// learn the outcome, from L, from the outcome log, or (cooperative termination) from a peer.
/// Under a presumption (<see cref="Presumption"/>) the presumed outcome is written lazily and not
/// acknowledged; a read-only participant votes READ-ONLY, releases its locks and leaves.
/// </summary>
public sealed class TwoPhaseParticipant : ProtocolRole<TwoPhaseParticipantState>
{
    public static readonly TwoPhaseParticipant Instance = new();

    public override string Name => "participant";

    public override NodeState Start(NodeContext ctx, Outbox outbox)
    {
        outbox.Acquire(ctx.Resource);
        if (ctx.Timeouts.Prepare is { } prepare)
        {
            outbox.SetTimer(TimerKind.Prepare, prepare);
        }

        return TwoPhaseParticipantState.Of(Phase.Working);
    }

    public override NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox)
    {
        var decision = LoggedDecision(log);
        if (decision != Outcome.None)
        {
            outbox.Enter(PhaseOf(decision));
            return TwoPhaseParticipantState.Of(PhaseOf(decision));
        }

        if (!log.Contains(LogRecordKind.Prepared) && ctx.ReadOnly)
        {
            // A read-only participant writes nothing and changed nothing: there is nothing to undo
            // and no outcome it could disagree with, whether or not it voted before the crash.
            outbox.Enter(Phase.ReadOnly);
            return TwoPhaseParticipantState.Of(Phase.ReadOnly);
        }

        if (!log.Contains(LogRecordKind.Prepared))
        {
            // It never voted, so nobody can have committed without it: abort.
            outbox.Append(LogRecordKind.Abort, forced: false);
            outbox.Decide(Outcome.Abort);
            return TwoPhaseParticipantState.Of(Phase.Aborted);
        }

        // PREPARED and no outcome: the promise stands. Take the locks back and ask at once.
        outbox.Acquire(ctx.Resource);
        outbox.Enter(Phase.Uncertain);
        Ask(ctx, outbox);
        return TwoPhaseParticipantState.Of(Phase.Uncertain);
    }

    protected override TwoPhaseParticipantState Handle(NodeContext ctx, TwoPhaseParticipantState s, in Message m, ulong suspected, Outbox outbox)
    {
        switch (m.Kind)
        {
            case MessageKind.Prepare:
                return OnPrepare(ctx, s, outbox);

            case MessageKind.Commit or MessageKind.Abort:
                var decision = m.Kind == MessageKind.Commit ? Outcome.Commit : Outcome.Abort;
                if (s.Phase != Phase.ReadOnly)
                {
                    s = Adopt(ctx, s, decision, outbox);
                }

                // The presumed outcome is never acknowledged: a coordinator that forgot would give the same answer.
                if (decision != ctx.Presumed)
                {
                    outbox.Send(m.From, MessageKind.Ack, decision);
                }

                return s;

            case MessageKind.Decision when m.Decision != Outcome.None && s.Phase != Phase.ReadOnly:
                return Adopt(ctx, s, m.Decision, outbox);

            case MessageKind.DecisionReq:
                // A peer is uncertain and asks (cooperative termination).
                if (s.Phase == Phase.Working)
                {
                    // Not voted yet: abort now, which makes the whole transaction abort.
                    s = Adopt(ctx, s, Outcome.Abort, outbox);
                }

                outbox.Send(m.From, MessageKind.Decision, s.Phase switch
                {
                    Phase.Committed => Outcome.Commit,
                    Phase.Aborted => Outcome.Abort,
                    _ => Outcome.None,
                });
                return s;

            default:
                return s;
        }
    }

    protected override TwoPhaseParticipantState Timeout(NodeContext ctx, TwoPhaseParticipantState s, TimerKind timer, ulong suspected, Outbox outbox)
    {
        if (timer == TimerKind.Decision && s.Phase == Phase.Uncertain)
        {
            Ask(ctx, outbox);
        }

        if (timer == TimerKind.Prepare && s.Phase == Phase.Working)
        {
            // Unilateral abort: it has not voted, so nobody can have committed without it. The record
            // need not be forced: a crash before it is durable leaves no PREPARED, which recovers as abort.
            outbox.Append(LogRecordKind.Abort, forced: false);
            outbox.Decide(Outcome.Abort);
            outbox.ReleaseAll();
            return TwoPhaseParticipantState.Of(Phase.Aborted);
        }

        return s;
    }

    private static TwoPhaseParticipantState OnPrepare(NodeContext ctx, TwoPhaseParticipantState s, Outbox outbox)
    {
        switch (s.Phase)
        {
            case Phase.Working when ctx.VotesNo:
                CancelPrepareTimer(ctx, outbox);
                outbox.Append(LogRecordKind.Abort, forced: false);
                outbox.Decide(Outcome.Abort);
                outbox.ReleaseAll();
                outbox.Send(ctx.Coordinator, MessageKind.VoteNo);
                return TwoPhaseParticipantState.Of(Phase.Aborted);

            case Phase.Working when ctx.ReadOnly:
                // Nothing to make durable and nothing to undo: free the locks now and take no part in phase two.
                CancelPrepareTimer(ctx, outbox);
                outbox.ReleaseAll();
                outbox.Enter(Phase.ReadOnly);
                outbox.Send(ctx.Coordinator, MessageKind.VoteReadOnly);
                return TwoPhaseParticipantState.Of(Phase.ReadOnly);

            case Phase.Working:
                CancelPrepareTimer(ctx, outbox);

                // The promise must survive a crash, so it is durable before the YES leaves.
                outbox.Append(LogRecordKind.Prepared, forced: true);
                outbox.Enter(Phase.Uncertain);
                outbox.Send(ctx.Coordinator, MessageKind.VoteYes);
                outbox.SetTimer(TimerKind.Decision, ctx.Timeouts.Decision);
                return TwoPhaseParticipantState.Of(Phase.Uncertain);

            case Phase.Uncertain:
                outbox.Send(ctx.Coordinator, MessageKind.VoteYes);
                return s;

            case Phase.Aborted:
                outbox.Send(ctx.Coordinator, MessageKind.VoteNo);
                return s;

            case Phase.ReadOnly:
                outbox.Send(ctx.Coordinator, MessageKind.VoteReadOnly);
                return s;

            default:
                return s;
        }
    }

    private static void CancelPrepareTimer(NodeContext ctx, Outbox outbox)
    {
        if (ctx.Timeouts.Prepare is not null)
        {
            outbox.CancelTimer(TimerKind.Prepare);
        }
    }

    private static TwoPhaseParticipantState Adopt(NodeContext ctx, TwoPhaseParticipantState s, Outcome decision, Outbox outbox)
    {
        if (IsDecided(s.Phase))
        {
            return s;
        }

        // The presumed outcome may be lost in a crash: asking again after recovery gets it back.
        outbox.Append(RecordOf(decision), forced: decision != ctx.Presumed);
        outbox.Decide(decision);
        outbox.ReleaseAll();
        outbox.CancelTimer(TimerKind.Decision);
        return TwoPhaseParticipantState.Of(PhaseOf(decision));
    }

    /// <summary>Ask L, the outcome log if there is one and, with cooperative termination, every peer.</summary>
    private static void Ask(NodeContext ctx, Outbox outbox)
    {
        outbox.Send(ctx.Coordinator, MessageKind.DecisionReq);
        if (ctx.HasOutcomeLog)
        {
            outbox.Send(ctx.OutcomeLog, MessageKind.DecisionReq);
        }

        if (ctx.CooperativeTermination)
        {
            foreach (var p in ctx.Participants)
            {
                if (p != ctx.Self)
                {
                    outbox.Send(p, MessageKind.DecisionReq);
                }
            }
        }

        outbox.SetTimer(TimerKind.Decision, ctx.Timeouts.Decision);
    }
}
