using System.Collections.Immutable;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Protocols.PaxosCommit;

/// <summary>An acceptor's memory of one instance: the highest ballot promised, and what it accepted at which ballot.</summary>
public readonly record struct AcceptorSlot(int Promised, int AcceptedBallot, Outcome Value)
{
    /// <summary>Nothing promised beyond ballot 0, nothing accepted.</summary>
    public static AcceptorSlot Empty => new(0, -1, Outcome.None);
}

/// <summary>An acceptor's volatile state: one slot per participant's instance.</summary>
/// <param name="SatOut">
/// Recovered, in the explorer, after it had promised or accepted something. The explorer's logs keep
/// record kinds but not ballots, so there such an acceptor cannot rebuild its promises; it stays
/// silent for good, which is safe (it behaves as if still crashed) and costs only availability. The
/// simulator's log keeps the slots with each record, and an acceptor recovered there rejoins.
/// </param>
public sealed record PaxosAcceptorState(Phase Phase, ValueList<AcceptorSlot> Slots, bool SatOut = false) : NodeState(Phase)
{
    // Hashed here rather than packed (the fields do not fit two words); the value is the one the explorer has always used.
    internal override (ulong First, ulong Second) FingerprintWords() => (Fingerprint(), 0);

    internal override ulong Fingerprint()
    {
        var h = default(StateHasher);
        h.Add(6UL | ((ulong)Phase << 8) | (SatOut ? 1UL << 16 : 0));
        foreach (var s in Slots)
        {
            h.Add((ulong)(uint)s.Promised | ((ulong)(uint)s.AcceptedBallot << 32), (ulong)s.Value);
        }

        return h.Raw;
    }
}

/// <summary>
/// A Paxos Commit acceptor (A1..A(2F+1)). It runs one Paxos acceptor per participant's instance: it
/// promises a ballot only if it has promised none higher, accepts a proposal unless it promised a
/// higher ballot, and forces each promise and acceptance to its log before replying, because a majority
/// of durable acceptances is what "chosen" means. Phase 2b replies go to the ballot's leader. Each of
/// those records saves every slot, so a recovered acceptor comes back with exactly the promises and
/// values it had made durable and takes part again: forgetting a promise could let it accept a lower
/// ballot's value after a higher ballot counted on it, and forgetting a value could let a chosen vote
/// be replaced.
/// </summary>
public sealed class PaxosAcceptor : ProtocolRole<PaxosAcceptorState>
{
    public static readonly PaxosAcceptor Instance = new();

    public override string Name => "acceptor";

    public override NodeState Start(NodeContext ctx, Outbox outbox) =>
        new PaxosAcceptorState(Phase.Working, Enumerable.Repeat(AcceptorSlot.Empty, ctx.Participants.Length).ToImmutableArray());

    /// <summary>The simulator recovers an acceptor from the slots its last record saved.</summary>
    public override bool Checkpoints => true;

    public override NodeState OnRecover(NodeContext ctx, Checkpoint? last, ulong suspected, Outbox outbox) =>
        last?.State as PaxosAcceptorState ?? Start(ctx, outbox);

    /// <summary>The explorer's logs hold record kinds only: an acceptor that wrote any sits out (see <see cref="PaxosAcceptorState.SatOut"/>).</summary>
    public override NodeState OnRecover(NodeContext ctx, IReadOnlyList<LogRecordKind> log, ulong suspected, Outbox outbox)
    {
        var fresh = (PaxosAcceptorState)Start(ctx, outbox);
        return log.Count == 0 ? fresh : fresh with { SatOut = true };
    }

    protected override PaxosAcceptorState Handle(NodeContext ctx, PaxosAcceptorState s, in Message m, ulong suspected, Outbox outbox)
    {
        if (s.SatOut || m.Instance < 1 || m.Instance > s.Slots.Count)
        {
            return s;
        }

        var slot = s.Slots[m.Instance - 1];
        switch (m.Kind)
        {
            case MessageKind.Phase1a when m.Ballot > slot.Promised:
                slot = slot with { Promised = m.Ballot };
                var promised = With(s, m.Instance, slot);
                outbox.Append(LogRecordKind.Promised, forced: true, promised);
                Promise(slot, m, outbox);
                return promised;

            case MessageKind.Phase1a when m.Ballot == slot.Promised:
                // The same proposer asking again (ballot numbers are never shared): repeat the answer.
                Promise(slot, m, outbox);
                return s;

            case MessageKind.Phase2a when m.Ballot >= slot.Promised:
                var next = s;
                if (slot.AcceptedBallot != m.Ballot || slot.Value != m.Decision)
                {
                    next = With(s, m.Instance, new AcceptorSlot(m.Ballot, m.Ballot, m.Decision));
                    outbox.Append(LogRecordKind.Accepted, forced: true, next);
                }

                outbox.SendPaxos(Ballots.LeaderOf(ctx, m.Ballot), MessageKind.Phase2b, m.Instance, m.Ballot, m.Decision);
                return next;

            default:
                // A ballot lower than one already promised: ignored; its leader will try a higher one.
                return s;
        }
    }

    protected override PaxosAcceptorState Timeout(NodeContext ctx, PaxosAcceptorState s, TimerKind timer, ulong suspected, Outbox outbox) => s;

    private static void Promise(AcceptorSlot slot, in Message m, Outbox outbox) =>
        outbox.SendPaxos(m.From, MessageKind.Phase1b, m.Instance, m.Ballot, slot.AcceptedBallot >= 0 ? slot.Value : Outcome.None, Math.Max(slot.AcceptedBallot, 0));

    private static PaxosAcceptorState With(PaxosAcceptorState s, int instance, AcceptorSlot slot) =>
        s with { Slots = s.Slots.Items.SetItem(instance - 1, slot) };
}
