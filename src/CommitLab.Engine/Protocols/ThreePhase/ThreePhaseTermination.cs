namespace CommitLab.Engine.Protocols.ThreePhase;

/// <summary>
/// Skeen's termination protocol, run by participants once they suspect L. The participant with the
/// lowest id that nobody's detector suspects leads: it collects the state of every participant it does
/// not suspect and applies the rule
/// <list type="bullet">
/// <item>anyone aborted (or never voted) -> abort;</item>
/// <item>anyone committed -> commit;</item>
/// <item>anyone pre-committed -> pre-commit the uncertain ones, then commit;</item>
/// <item>everyone uncertain -> abort.</item>
/// </list>
/// The rule is safe because 3PC never lets a node commit while another is merely uncertain. It is only
/// as good as the detector: if a live, pre-committed node is wrongly suspected (a partition under a
/// timeout detector), each side applies the rule to half the picture and they can disagree.
/// A node that crashed and recovered may hold a stale state, so its report alone never justifies a
/// decision, unless every participant has reported and L has said it recovered without a decision.
/// </summary>
public static class ThreePhaseTermination
{
    /// <summary>The participant that should lead: the lowest id this node does not suspect (itself at worst).</summary>
    public static int Leader(NodeContext ctx, ulong suspected)
    {
        foreach (var p in ctx.Participants)
        {
            if ((suspected & NodeContext.Bit(p)) == 0 || p == ctx.Self)
            {
                return p;
            }
        }

        return ctx.Self;
    }

    public static ThreePhaseParticipantState OnSuspicion(NodeContext ctx, ThreePhaseParticipantState s, ulong suspected, Outbox outbox)
    {
        if (s.IsDecided)
        {
            return s;
        }

        var coordinatorSuspected = s.CoordinatorLost || (suspected & NodeContext.Bit(ctx.Coordinator)) != 0;
        if (!coordinatorSuspected && !s.Leading)
        {
            return s;
        }

        if (Leader(ctx, suspected) != ctx.Self)
        {
            // Someone with a lower id is alive as far as we can tell: it leads, we answer its questions.
            return s.Leading ? s with { Leading = false } : s;
        }

        return s.Leading ? Evaluate(ctx, s, suspected, outbox) : Start(ctx, s, suspected, outbox);
    }

    public static ThreePhaseParticipantState OnReport(NodeContext ctx, ThreePhaseParticipantState s, in Message report, ulong suspected, Outbox outbox)
    {
        if (!s.Leading || s.IsDecided)
        {
            return s;
        }

        if (report.State is Phase.Committed or Phase.Aborted)
        {
            return DecideAndTell(ctx, s, report.State == Phase.Committed ? Outcome.Commit : Outcome.Abort, outbox);
        }

        var bit = NodeContext.Bit(report.From);
        s = s with
        {
            Reported = s.Reported | bit,
            ReportedPreCommitted = report.State == Phase.PreCommitted ? s.ReportedPreCommitted | bit : s.ReportedPreCommitted & ~bit,
            ReportedTrusted = report.FromRecovery ? s.ReportedTrusted & ~bit : s.ReportedTrusted | bit,
        };
        return Evaluate(ctx, s, suspected, outbox);
    }

    public static ThreePhaseParticipantState OnPreCommitAck(NodeContext ctx, ThreePhaseParticipantState s, int from, ulong suspected, Outbox outbox)
    {
        if (!s.Leading || !s.PreCommitSent || s.IsDecided)
        {
            return s;
        }

        return Evaluate(ctx, s with { PreCommitAcked = s.PreCommitAcked | NodeContext.Bit(from) }, suspected, outbox);
    }

    public static ThreePhaseParticipantState Resend(NodeContext ctx, ThreePhaseParticipantState s, ulong suspected, Outbox outbox)
    {
        var considered = ctx.AllParticipants & ~suspected;
        var kind = s.PreCommitSent ? MessageKind.PreCommit : MessageKind.StateReq;
        var missing = considered & ~(s.PreCommitSent ? s.PreCommitAcked : s.Reported);
        SendTo(ctx, missing, kind, outbox);
        outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
        return s;
    }

    /// <summary>Adopts a decision (idempotent): log it, show it, release the locks.</summary>
    public static ThreePhaseParticipantState Adopt(ThreePhaseParticipantState s, Outcome decision, Outbox outbox)
    {
        if (s.IsDecided)
        {
            return s;
        }

        outbox.Append(decision == Outcome.Commit ? LogRecordKind.Commit : LogRecordKind.Abort, forced: true);
        outbox.Decide(decision);
        outbox.ReleaseAll();
        outbox.CancelTimer(TimerKind.Decision);
        outbox.CancelTimer(TimerKind.Resend);
        return s.In(decision == Outcome.Commit ? Phase.Committed : Phase.Aborted);
    }

    private static ThreePhaseParticipantState Start(NodeContext ctx, ThreePhaseParticipantState s, ulong suspected, Outbox outbox)
    {
        if (s.Phase == Phase.Working)
        {
            // A leader that never voted aborts, and the rule then aborts everyone.
            return DecideAndTell(ctx, s, Outcome.Abort, outbox);
        }

        var self = NodeContext.Bit(ctx.Self);
        s = s with
        {
            Leading = true,
            Reported = self,
            ReportedPreCommitted = s.Phase == Phase.PreCommitted ? self : 0,
            ReportedTrusted = s.Recovered ? 0 : self,
            PreCommitSent = false,
            PreCommitAcked = 0,
        };
        SendTo(ctx, ctx.AllParticipants & ~suspected & ~self, MessageKind.StateReq, outbox);
        outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
        return Evaluate(ctx, s, suspected, outbox);
    }

    private static ThreePhaseParticipantState Evaluate(NodeContext ctx, ThreePhaseParticipantState s, ulong suspected, Outbox outbox)
    {
        var considered = ctx.AllParticipants & ~suspected;
        if (s.PreCommitSent)
        {
            return (considered & ~s.PreCommitAcked) == 0 ? DecideAndTell(ctx, s, Outcome.Commit, outbox) : s;
        }

        if ((considered & ~s.Reported) != 0)
        {
            return s; // still waiting for someone it believes alive
        }

        // Every participant's state plus L's own word that it never decided is the whole picture,
        // so stale states no longer matter. Short of that, only nodes that never crashed count: a node
        // that was down may have missed a commit that L took after suspecting it.
        var complete = s.CoordinatorLost && s.Reported == ctx.AllParticipants;
        var usable = complete ? s.Reported : s.Reported & s.ReportedTrusted;
        if (usable == 0)
        {
            // Only recovered nodes answered: deciding now could contradict what was decided while
            // they were down. Wait for someone who knows (L recovering, or a node that never crashed).
            return s;
        }

        if ((usable & s.ReportedPreCommitted) == 0)
        {
            return DecideAndTell(ctx, s, Outcome.Abort, outbox);
        }

        if (s.Phase == Phase.Uncertain)
        {
            outbox.Append(LogRecordKind.PreCommit, forced: true);
            outbox.Enter(Phase.PreCommitted);
        }

        var self = NodeContext.Bit(ctx.Self);
        var alreadyPreCommitted = s.ReportedPreCommitted | self;
        SendTo(ctx, considered & ~alreadyPreCommitted, MessageKind.PreCommit, outbox);
        s = s with { Phase = Phase.PreCommitted, PreCommitSent = true, PreCommitAcked = alreadyPreCommitted };
        return Evaluate(ctx, s, suspected, outbox);
    }

    private static ThreePhaseParticipantState DecideAndTell(NodeContext ctx, ThreePhaseParticipantState s, Outcome decision, Outbox outbox)
    {
        s = Adopt(s, decision, outbox);
        var kind = decision == Outcome.Commit ? MessageKind.DoCommit : MessageKind.Abort;
        SendTo(ctx, ctx.AllParticipants & ~NodeContext.Bit(ctx.Self), kind, outbox);
        return s with { Leading = false };
    }

    private static void SendTo(NodeContext ctx, ulong targets, MessageKind kind, Outbox outbox)
    {
        foreach (var p in ctx.Participants)
        {
            if ((targets & NodeContext.Bit(p)) != 0)
            {
                outbox.Send(p, kind);
            }
        }
    }
}
