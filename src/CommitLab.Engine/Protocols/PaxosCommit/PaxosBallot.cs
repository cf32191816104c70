using System.Collections.Immutable;
using System.Numerics;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Protocols.PaxosCommit;

/// <summary>
/// One ballot run by one leader over every participant's instance: L's ballot 0, or a recovery ballot
/// run by L or by an uncertain participant. Instance i is at index i - 1. Values already chosen in an
/// earlier ballot are carried over (a chosen value never changes, so there is nothing to ask again).
/// </summary>
public sealed record PaxosBallot(int Number, ValueList<InstanceProgress> Instances)
{
    /// <summary>L's ballot 0: the participants propose their own votes, L only counts phase 2b replies.</summary>
    public static PaxosBallot First(NodeContext ctx) =>
        new(0, Enumerable.Repeat(InstanceProgress.Unknown with { Proposed = true }, ctx.Participants.Length).ToImmutableArray());

    /// <summary>
    /// Starts a full ballot (phase 1a) on every instance not yet known to be chosen. The proposer forces a
    /// BALLOT record first, so a crash cannot make it reuse the number for a different proposal.
    /// </summary>
    public static PaxosBallot Begin(NodeContext ctx, int number, PaxosBallot? previous, Outbox outbox)
    {
        outbox.Append(LogRecordKind.Ballot, forced: true);
        var instances = ImmutableArray.CreateBuilder<InstanceProgress>(ctx.Participants.Length);
        for (var i = 1; i <= ctx.Participants.Length; i++)
        {
            var known = previous?.Instances[i - 1].Chosen ?? Outcome.None;
            instances.Add(InstanceProgress.Unknown with { Chosen = known });
            if (known != Outcome.None)
            {
                continue;
            }

            foreach (var acceptor in Ballots.Acceptors(ctx))
            {
                outbox.SendPaxos(acceptor, MessageKind.Phase1a, i, number);
            }
        }

        return new PaxosBallot(number, instances.MoveToImmutable());
    }

    /// <summary>
    /// A phase 1b. Once a majority has promised, propose the value accepted at the highest ballot any of
    /// them reports, or Aborted when none of them accepted anything: then no value can have been chosen,
    /// and Aborted is the one value anyone but the participant itself may propose.
    /// </summary>
    public PaxosBallot OnPromise(NodeContext ctx, in Message m, Outbox outbox)
    {
        if (m.Ballot != Number || m.Instance < 1 || m.Instance > Instances.Count)
        {
            return this;
        }

        var p = Instances[m.Instance - 1];
        if (p.Chosen != Outcome.None || p.Proposed)
        {
            return this;
        }

        p = p with { Promised = p.Promised | NodeContext.Bit(m.From) };
        if (m.Decision != Outcome.None && m.Accepted > p.HighestAccepted)
        {
            p = p with { HighestAccepted = m.Accepted, Proposal = m.Decision };
        }

        if (BitOperations.PopCount(p.Promised) >= ctx.Majority)
        {
            var value = p.Proposal == Outcome.None ? Outcome.Abort : p.Proposal;
            p = p with { Proposed = true, Proposal = value };
            foreach (var acceptor in Ballots.Acceptors(ctx))
            {
                outbox.SendPaxos(acceptor, MessageKind.Phase2a, m.Instance, Number, value);
            }
        }

        return With(m.Instance, p);
    }

    /// <summary>A phase 2b: a majority accepting the same ballot's value chooses it.</summary>
    public PaxosBallot OnAccepted(NodeContext ctx, in Message m)
    {
        if (m.Ballot != Number || m.Instance < 1 || m.Instance > Instances.Count)
        {
            return this;
        }

        var p = Instances[m.Instance - 1];
        if (p.Chosen != Outcome.None)
        {
            return this;
        }

        p = p with { Accepted = p.Accepted | NodeContext.Bit(m.From) };
        if (BitOperations.PopCount(p.Accepted) >= ctx.Majority)
        {
            p = p with { Chosen = m.Decision };
        }

        return With(m.Instance, p);
    }

    /// <summary>Abort as soon as one instance is chosen Aborted; commit once every instance is chosen Prepared.</summary>
    public Outcome Result()
    {
        var all = true;
        foreach (var p in Instances)
        {
            if (p.Chosen == Outcome.Abort)
            {
                return Outcome.Abort;
            }

            all &= p.Chosen == Outcome.Commit;
        }

        return all ? Outcome.Commit : Outcome.None;
    }

    /// <summary>Whether instance <paramref name="instance"/> is chosen.</summary>
    public bool IsChosen(int instance) => Instances[instance - 1].Chosen != Outcome.None;

    internal ulong Fingerprint()
    {
        var h = default(StateHasher);
        h.Add((ulong)(uint)Number);
        foreach (var p in Instances)
        {
            h.Add(p.Promised ^ ((ulong)p.Proposal << 60) ^ (p.Proposed ? 1UL << 62 : 0), p.Accepted ^ ((ulong)(uint)p.HighestAccepted << 32) ^ ((ulong)p.Chosen << 30));
        }

        return h.Raw;
    }

    private PaxosBallot With(int instance, InstanceProgress progress) =>
        this with { Instances = Instances.Items.SetItem(instance - 1, progress) };
}
