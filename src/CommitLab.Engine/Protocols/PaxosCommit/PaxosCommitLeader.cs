namespace CommitLab.Engine.Protocols.PaxosCommit;

/// <summary>L's volatile state in Paxos Commit.</summary>
/// <param name="Ballot">The ballot L leads: ballot 0 at first, a recovery ballot after its vote timer ran out.</param>
/// <param name="Round">L's recovery rounds so far (0: still on ballot 0).</param>
/// <param name="Decision">The outcome once L has learned it.</param>
public sealed record PaxosCommitLeaderState(Phase Phase, PaxosBallot Ballot, int Round, Outcome Decision) : NodeState(Phase)
{
    internal override (ulong First, ulong Second) FingerprintWords() =>
        (4UL | ((ulong)Phase << 8) | ((ulong)Decision << 16) | ((ulong)(uint)Round << 24), Ballot.Fingerprint());
}

/// <summary>
/// L in Paxos Commit (Gray and Lamport, "Consensus on Transaction Commit", 2006): it sends PREPARE,
/// then only listens. Each participant's vote is chosen by its own Paxos instance among the acceptors;
/// L is the leader of ballot 0 and learns a vote when a majority of acceptors report accepting it.
/// Commit needs every instance chosen Prepared; one chosen Aborted aborts. L writes nothing that
/// matters: the decision is already held by a majority of acceptors, which is why L is not a single
/// point of blocking. If votes do not arrive in time, L runs a full ballot that proposes Aborted for
/// every instance nobody accepted a value for.
/// </summary>
public sealed class PaxosCommitLeader : ProtocolRole<PaxosCommitLeaderState>
{
    public static readonly PaxosCommitLeader Instance = new();

    /// <summary>The paper's transaction manager; named as 2PC's L is, so every view treats it alike.</summary>
    public override string Name => "coordinator";

    public override NodeState Start(NodeContext ctx, Outbox outbox)
    {
        foreach (var p in ctx.Participants)
        {
            outbox.Send(p, MessageKind.Prepare);
        }

        outbox.SetTimer(TimerKind.Vote, ctx.Timeouts.Vote);
        outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
        return new PaxosCommitLeaderState(Phase.Working, PaxosBallot.First(ctx), 0, Outcome.None);
    }

    public override NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox)
    {
        var round = log.Count(r => r == LogRecordKind.Ballot);
        var decision = LoggedDecision(log);
        if (decision != Outcome.None)
        {
            outbox.Enter(PhaseOf(decision));
            return new PaxosCommitLeaderState(PhaseOf(decision), PaxosBallot.First(ctx), round, decision);
        }

        // L kept nothing about the votes; the acceptors did. A full ballot learns what was chosen.
        return NextRound(ctx, new PaxosCommitLeaderState(Phase.Working, PaxosBallot.First(ctx), round, Outcome.None), outbox);
    }

    protected override PaxosCommitLeaderState Handle(NodeContext ctx, PaxosCommitLeaderState s, in Message m, ulong suspected, Outbox outbox)
    {
        if (s.Decision != Outcome.None)
        {
            return s;
        }

        switch (m.Kind)
        {
            case MessageKind.Phase1b:
                return s with { Ballot = s.Ballot.OnPromise(ctx, m, outbox) };

            case MessageKind.Phase2b:
                s = s with { Ballot = s.Ballot.OnAccepted(ctx, m) };
                return s.Ballot.Result() is var outcome && outcome != Outcome.None ? Decide(ctx, s, outcome, outbox) : s;

            case MessageKind.Commit or MessageKind.Abort:
                // A participant finished the protocol while L was away or slow.
                return Learn(s, m.Kind == MessageKind.Commit ? Outcome.Commit : Outcome.Abort, outbox);

            default:
                return s;
        }
    }

    protected override PaxosCommitLeaderState Timeout(NodeContext ctx, PaxosCommitLeaderState s, TimerKind timer, ulong suspected, Outbox outbox)
    {
        if (s.Decision != Outcome.None)
        {
            return s;
        }

        switch (timer)
        {
            case TimerKind.Resend when s.Round == 0:
                // Ballot 0 has no phase 1 to repeat: ask the participants whose vote is not chosen yet to send it again.
                foreach (var p in ctx.Participants)
                {
                    if (!s.Ballot.IsChosen(p))
                    {
                        outbox.Send(p, MessageKind.Prepare);
                    }
                }

                outbox.SetTimer(TimerKind.Resend, ctx.Timeouts.Resend);
                return s;

            case TimerKind.Vote:
                return NextRound(ctx, s, outbox);

            default:
                return s;
        }
    }

    /// <summary>A higher ballot on every instance still open; tried again after the vote timeout if it does not finish.</summary>
    private static PaxosCommitLeaderState NextRound(NodeContext ctx, PaxosCommitLeaderState s, Outbox outbox)
    {
        outbox.CancelTimer(TimerKind.Resend);
        var round = s.Round + 1;
        var ballot = PaxosBallot.Begin(ctx, Ballots.Number(ctx, round), s.Ballot, outbox);
        outbox.SetTimer(TimerKind.Vote, ctx.Timeouts.Vote);
        return s with { Ballot = ballot, Round = round };
    }

    private static PaxosCommitLeaderState Decide(NodeContext ctx, PaxosCommitLeaderState s, Outcome decision, Outbox outbox)
    {
        s = Learn(s, decision, outbox);
        var message = decision == Outcome.Commit ? MessageKind.Commit : MessageKind.Abort;
        foreach (var p in ctx.Participants)
        {
            outbox.Send(p, message);
        }

        return s;
    }

    /// <summary>
    /// Not forced: the outcome is already durable at a majority of acceptors, so losing this record only
    /// means asking them again.
    /// </summary>
    private static PaxosCommitLeaderState Learn(PaxosCommitLeaderState s, Outcome decision, Outbox outbox)
    {
        outbox.Append(RecordOf(decision), forced: false);
        outbox.Decide(decision);
        outbox.CancelTimer(TimerKind.Vote);
        outbox.CancelTimer(TimerKind.Resend);
        return s with { Phase = PhaseOf(decision), Decision = decision };
    }
}
