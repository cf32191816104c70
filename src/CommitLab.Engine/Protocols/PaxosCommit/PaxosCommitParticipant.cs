namespace CommitLab.Engine.Protocols.PaxosCommit;

/// <summary>A Paxos Commit participant's volatile state.</summary>
/// <param name="Round">Recovery rounds it has led (0: none).</param>
/// <param name="Ballot">The recovery ballot it leads, or null while it waits for L.</param>
public sealed record PaxosCommitParticipantState(Phase Phase, int Round, PaxosBallot? Ballot) : NodeState(Phase)
{
    internal override (ulong First, ulong Second) FingerprintWords() =>
        (5UL | ((ulong)Phase << 8) | ((ulong)(uint)Round << 16), Ballot?.Fingerprint() ?? 0);
}

/// <summary>
/// A participant (the paper's resource manager) in Paxos Commit. On PREPARE it forces PREPARED and, as
/// its own ballot-0 proposer, sends its vote as a phase 2a to every acceptor instead of to L; a NO
/// voter proposes Aborted and aborts at once. If the outcome does not come, it stops waiting for L and
/// leads a full ballot itself (phase 1a/1b, then 2a/2b) on every instance, proposing Aborted wherever no
/// acceptor reports a value. With a majority of acceptors up that ballot finishes whatever happened to
/// L, so the participant is not blocked; with a majority down nobody can finish, and it blocks.
/// Participants take turns (Pi first waits i decision timeouts) so they do not duel for ballots.
/// </summary>
public sealed class PaxosCommitParticipant : ProtocolRole<PaxosCommitParticipantState>
{
    public static readonly PaxosCommitParticipant Instance = new();

    public override string Name => "participant";

    public override NodeState Start(NodeContext ctx, Outbox outbox)
    {
        outbox.Acquire(ctx.Resource);
        return new PaxosCommitParticipantState(Phase.Working, 0, null);
    }

    public override NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox)
    {
        var round = log.Count(r => r == LogRecordKind.Ballot);
        var decision = LoggedDecision(log);
        if (decision != Outcome.None)
        {
            outbox.Enter(PhaseOf(decision));
            return new PaxosCommitParticipantState(PhaseOf(decision), round, null);
        }

        if (!log.Contains(LogRecordKind.Prepared))
        {
            // It never proposed Prepared, so Prepared can never be chosen for its instance: abort, and say so.
            return Vote(ctx, new PaxosCommitParticipantState(Phase.Working, round, null), Outcome.Abort, outbox);
        }

        // PREPARED and no outcome: the promise stands. Take the locks back and find out from the acceptors now.
        outbox.Acquire(ctx.Resource);
        outbox.Enter(Phase.Uncertain);
        return NextRound(ctx, new PaxosCommitParticipantState(Phase.Uncertain, round, null), outbox);
    }

    protected override PaxosCommitParticipantState Handle(NodeContext ctx, PaxosCommitParticipantState s, in Message m, ulong suspected, Outbox outbox)
    {
        switch (m.Kind)
        {
            case MessageKind.Prepare when s.Phase == Phase.Working:
                if (ctx.VotesNo)
                {
                    return Vote(ctx, s, Outcome.Abort, outbox);
                }

                // The promise must survive a crash, so it is durable before the vote leaves.
                outbox.Append(LogRecordKind.Prepared, forced: true);
                outbox.Enter(Phase.Uncertain);
                SendVote(ctx, Outcome.Commit, outbox);
                outbox.SetTimer(TimerKind.Decision, ctx.Timeouts.Decision * ctx.Self);
                return s with { Phase = Phase.Uncertain };

            case MessageKind.Prepare when s.Phase is Phase.Uncertain or Phase.Aborted && s.Round == 0:
                // L has not seen this vote chosen: send it to the acceptors again.
                SendVote(ctx, s.Phase == Phase.Uncertain ? Outcome.Commit : Outcome.Abort, outbox);
                return s;

            case MessageKind.Commit or MessageKind.Abort:
                return Adopt(s, m.Kind == MessageKind.Commit ? Outcome.Commit : Outcome.Abort, outbox);

            case MessageKind.Phase1b when s.Ballot is { } ballot && !IsDecided(s.Phase):
                return s with { Ballot = ballot.OnPromise(ctx, m, outbox) };

            case MessageKind.Phase2b when s.Ballot is { } ballot && !IsDecided(s.Phase):
                ballot = ballot.OnAccepted(ctx, m);
                s = s with { Ballot = ballot };
                return ballot.Result() is var outcome && outcome != Outcome.None ? Finish(ctx, s, outcome, outbox) : s;

            default:
                return s;
        }
    }

    protected override PaxosCommitParticipantState Timeout(NodeContext ctx, PaxosCommitParticipantState s, TimerKind timer, ulong suspected, Outbox outbox) =>
        timer == TimerKind.Decision && s.Phase == Phase.Uncertain ? NextRound(ctx, s, outbox) : s;

    /// <summary>Leads a new, higher ballot on every instance it does not know the outcome of, and tries again later if that stalls.</summary>
    private static PaxosCommitParticipantState NextRound(NodeContext ctx, PaxosCommitParticipantState s, Outbox outbox)
    {
        var round = s.Round + 1;
        var ballot = PaxosBallot.Begin(ctx, Ballots.Number(ctx, round), s.Ballot, outbox);
        outbox.SetTimer(TimerKind.Decision, ctx.Timeouts.Decision);
        return s with { Round = round, Ballot = ballot };
    }

    /// <summary>Its own ballot-0 proposal: the vote goes to every acceptor (the paper's phase 2a fast path).</summary>
    private static void SendVote(NodeContext ctx, Outcome value, Outbox outbox)
    {
        foreach (var acceptor in Ballots.Acceptors(ctx))
        {
            outbox.SendPaxos(acceptor, MessageKind.Phase2a, ctx.Self, 0, value);
        }
    }

    /// <summary>Votes NO: nobody but this participant could propose Prepared for its instance, so it may abort at once.</summary>
    private static PaxosCommitParticipantState Vote(NodeContext ctx, PaxosCommitParticipantState s, Outcome value, Outbox outbox)
    {
        outbox.Append(LogRecordKind.Abort, forced: false);
        outbox.Decide(Outcome.Abort);
        outbox.ReleaseAll();
        SendVote(ctx, value, outbox);
        return s with { Phase = Phase.Aborted };
    }

    /// <summary>Its own ballot finished: decide, and tell L and the other participants so they need not run one too.</summary>
    private static PaxosCommitParticipantState Finish(NodeContext ctx, PaxosCommitParticipantState s, Outcome decision, Outbox outbox)
    {
        s = Adopt(s, decision, outbox);
        var message = decision == Outcome.Commit ? MessageKind.Commit : MessageKind.Abort;
        outbox.Send(ctx.Coordinator, message);
        foreach (var p in ctx.Participants)
        {
            if (p != ctx.Self)
            {
                outbox.Send(p, message);
            }
        }

        return s;
    }

    /// <summary>
    /// Not forced: the outcome is chosen at a majority of acceptors, so a participant that loses this
    /// record recovers uncertain and learns it again from them.
    /// </summary>
    private static PaxosCommitParticipantState Adopt(PaxosCommitParticipantState s, Outcome decision, Outbox outbox)
    {
        if (IsDecided(s.Phase))
        {
            return s;
        }

        outbox.Append(RecordOf(decision), forced: false);
        outbox.Decide(decision);
        outbox.ReleaseAll();
        outbox.CancelTimer(TimerKind.Decision);
        return s with { Phase = PhaseOf(decision) };
    }
}
