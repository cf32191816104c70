using System.Collections.Immutable;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// The whole state of a run at one moment, as one immutable value (as TLA+ and stateright keep it):
/// the clock, every node's volatile and durable state, the messages in flight, the links, the
/// pending timers and the PRNG. Two values are equal when every field is; <see cref="Fingerprint"/>
/// hashes the same fields, in a fixed order, to a 64-bit number that is the same in every process,
/// so an explorer can enumerate, hash and deduplicate states. <see cref="Simulator.State"/> builds
/// one on demand and <see cref="Simulator.Snapshot"/> is drawn from it.
/// </summary>
/// <remarks>
/// Left out on purpose, because they are history rather than state: the trace, the count of events
/// processed, the monitors' verdicts, the message counters, and the fault schedule (the faults still
/// to come are the explorer's choices, not the world's). Sequence numbers of the event queue are left
/// out too: the queue's order at one tick is an ordering choice, which is what an explorer varies.
/// </remarks>
/// <param name="Tick">Virtual time.</param>
/// <param name="Nodes">Every node, by index (0 is L, then P1..Pn, then LOG when the run has one).</param>
/// <param name="Links">Link states as bits, <c>from * nodes + to</c>, set while the link is up; 64 to a word.</param>
/// <param name="InFlight">Messages on the wire, by id.</param>
/// <param name="Partition">The groups of the last partition fault (for drawing it), empty when none.</param>
/// <param name="Prng">Where the run's random number generator stands.</param>
/// <param name="NextMessageId">The id the next message sent will get.</param>
public sealed record WorldState(
    long Tick,
    ValueList<NodeWorld> Nodes,
    ValueList<ulong> Links,
    ValueList<MessageWorld> InFlight,
    ValueList<ValueList<string>> Partition,
    PrngState Prng,
    long NextMessageId)
{
    /// <summary>Whether messages from <paramref name="from"/> to <paramref name="to"/> get through.</summary>
    public bool LinkUp(int from, int to)
    {
        var bit = (from * Nodes.Count) + to;
        return (Links[bit >> 6] & (1UL << (bit & 63))) != 0;
    }

    /// <summary>
    /// A stable 64-bit hash of every field, fed in a fixed order (no serialisation, no allocation).
    /// Equal states have equal fingerprints in every process; a change to any field changes it
    /// (but for 64-bit collisions).
    /// </summary>
    public ulong Fingerprint()
    {
        var h = new StateHasher();
        h.Add((ulong)Tick, (ulong)NextMessageId);
        h.Add(Prng.S0, Prng.S1);
        h.Add(Prng.S2, Prng.S3);
        h.Add((ulong)(uint)Nodes.Count | ((ulong)(uint)InFlight.Count << 32), (ulong)(uint)Partition.Count);
        var nodes = Nodes.AsSpan();
        var i = 0;
        for (; i + 1 < nodes.Length; i += 2)
        {
            h.Add(nodes[i].Fingerprint(), nodes[i + 1].Fingerprint());
        }

        if (i < nodes.Length)
        {
            h.Add(nodes[i].Fingerprint());
        }

        var links = Links.AsSpan();
        for (i = 0; i + 1 < links.Length; i += 2)
        {
            h.Add(links[i], links[i + 1]);
        }

        if (i < links.Length)
        {
            h.Add(links[i]);
        }

        foreach (ref readonly var message in InFlight.AsSpan())
        {
            h.Add(MessageWorld.Pack(message.Message) ^ MessageWorld.BodyWord(message.Message), (ulong)message.Id);
            h.Add((ulong)message.SentAt, ((ulong)message.DeliverAt << 1) | (message.Lost ? 1UL : 0));
        }

        foreach (var group in Partition.AsSpan())
        {
            h.Add((ulong)(uint)group.Count);
            foreach (var name in group.AsSpan())
            {
                h.Add(StateHasher.Of(name));
            }
        }

        return h.Finish();
    }
}

/// <summary>One node's whole state.</summary>
/// <param name="Volatile">The role's volatile state; null while the node is down (a crash loses it).</param>
/// <param name="Up">Running (not crashed).</param>
/// <param name="Phase">The protocol state last entered (kept while down, to draw it greyed).</param>
/// <param name="Decision">The decision, once made; asserted never to change.</param>
/// <param name="VotesNo">Will vote no (a scenario setting or a "vote no" fault).</param>
/// <param name="FrozenUntil">Frozen until this tick (0: not frozen).</param>
/// <param name="BusyUntil">In a forced log write until this tick (0: not writing).</param>
/// <param name="CarryingOn">A forced write just finished and the effects after it are about to run.</param>
/// <param name="Log">The durable log: survives a crash and only grows.</param>
/// <param name="Locks">Locks held (volatile: a crash releases them).</param>
/// <param name="Timers">Each <see cref="TimerKind"/>'s due tick, by kind; -1 when not running.</param>
/// <param name="Suspects">The failure detector's suspicions at this node, a bit per node.</param>
/// <param name="LooksDead">The nodes that look dead from here, not yet long enough to suspect, a bit per node.</param>
/// <param name="Pending">Effects waiting for a forced write to finish, in order.</param>
public sealed record NodeWorld(
    NodeState? Volatile,
    bool Up,
    Phase Phase,
    Outcome Decision,
    bool VotesNo,
    long FrozenUntil,
    long BusyUntil,
    bool CarryingOn,
    ValueList<LogEntry> Log,
    ValueList<LockHold> Locks,
    ValueList<long> Timers,
    ulong Suspects,
    ulong LooksDead,
    ValueList<Effect> Pending)
{
    /// <summary>Every field as one word, in a fixed order (see <see cref="WorldState.Fingerprint"/>).</summary>
    /// <remarks>
    /// Small fields share a word to keep the multiplies few: ticks (below 2^32: maxTicks is at most a
    /// million) go two to a word, node bit sets (at most 18 nodes) one above the other. A value
    /// beyond those bounds still changes the fingerprint, it just shares bits with its neighbour.
    /// </remarks>
    internal ulong Fingerprint()
    {
        // The same words as a StateHasher fed pair by pair, with the hash and its position in plain
        // locals so they stay in registers: this runs for every node of every state an explorer meets.
        ulong hash = 0, at = StateHasher.Step;
        var log = Log.AsSpan();
        var locks = Locks.AsSpan();
        var pending = Pending.AsSpan();
        var timers = Timers.AsSpan();
        var flags = (Up ? 1UL : 0) | (CarryingOn ? 2UL : 0) | (VotesNo ? 4UL : 0) | (Volatile is null ? 0 : 8UL)
            | ((ulong)Phase << 8) | ((ulong)Decision << 16) | ((ulong)(byte)log.Length << 24) | ((ulong)(byte)locks.Length << 32)
            | ((ulong)(byte)pending.Length << 40) | ((ulong)(byte)timers.Length << 48);
        hash ^= StateHasher.Pair(flags, (ulong)FrozenUntil ^ ((ulong)BusyUntil << 32), at);
        at += StateHasher.Step;
        hash ^= StateHasher.Pair(Suspects ^ (LooksDead << 32), Volatile?.Fingerprint() ?? 0, at);
        var i = 0;
        for (; i + 3 < timers.Length; i += 4)
        {
            at += StateHasher.Step;
            hash ^= StateHasher.Pair((ulong)timers[i] ^ ((ulong)timers[i + 1] << 32), (ulong)timers[i + 2] ^ ((ulong)timers[i + 3] << 32), at);
        }

        for (; i < timers.Length; i++)
        {
            at += StateHasher.Step;
            hash ^= StateHasher.Pair((ulong)timers[i], 0, at);
        }

        // A log record, whether forced, and its tick in one word; two records to a multiply.
        for (i = 0; i + 1 < log.Length; i += 2)
        {
            at += StateHasher.Step;
            hash ^= StateHasher.Pair(Word(log[i]), Word(log[i + 1]), at);
        }

        if (i < log.Length)
        {
            at += StateHasher.Step;
            hash ^= StateHasher.Pair(Word(log[i]), 0, at);
        }

        foreach (var hold in locks)
        {
            at += StateHasher.Step;
            hash ^= StateHasher.Pair(StateHasher.Of(hold.Resource), (ulong)hold.Since, at);
        }

        return pending.IsEmpty ? hash ^ at : PendingWords(hash, at, pending);

        static ulong Word(LogEntry entry) =>
            ((ulong)entry.Record | (entry.Forced ? 0x100UL : 0) | ((ulong)entry.Tick << 16)) ^ (entry.Saved is { } saved ? MessageWorld.Spread(saved.Fingerprint()) : 0);
    }

    /// <summary>The effects waiting behind a forced write, fed after the rest (rare: only during a write).</summary>
    private static ulong PendingWords(ulong hash, ulong at, ReadOnlySpan<Effect> pending)
    {
        foreach (ref readonly var effect in pending)
        {
            at += StateHasher.Step;
            hash ^= StateHasher.Pair(
                (ulong)effect.Kind | ((ulong)effect.Timer << 8) | ((ulong)effect.Record << 16) | (effect.Forced ? 1UL << 24 : 0)
                    | ((ulong)effect.Decision << 32) | ((ulong)effect.State << 40),
                MessageWorld.Pack(effect.Message) ^ ((ulong)(uint)effect.Delay << 48),
                at);
            at += StateHasher.Step;
            hash ^= StateHasher.Pair(StateHasher.Of(effect.Data as string), 0, at);
            if (effect.Jitter != 0 || effect.Data is Checkpoint || effect.Message.Body is not null)
            {
                // Only the Tahoe models' effects carry these, so the commit protocols' states hash as few words as before.
                at += StateHasher.Step;
                hash ^= StateHasher.Pair((ulong)(uint)effect.Jitter ^ (effect.Saved?.Fingerprint() ?? 0), MessageWorld.BodyWord(effect.Message), at);
            }
        }

        return hash ^ at;
    }
}

/// <summary>A message on the wire.</summary>
/// <param name="Lost">The network already lost it: it vanishes when it would have arrived.</param>
public readonly record struct MessageWorld(long Id, Message Message, long SentAt, long DeliverAt, bool Lost)
{
    /// <summary>A message's fields in one word (node indices are below 64, the enums below 256; ballots are folded in).</summary>
    internal static ulong Pack(in Message m) =>
        (ulong)m.Kind | ((ulong)(byte)m.From << 8) | ((ulong)(byte)m.To << 16) | ((ulong)m.Decision << 24)
            | ((ulong)m.State << 32) | (m.FromRecovery ? 1UL << 40 : 0)
            // Paxos Commit's fields, zero in every other message, so other fingerprints stay as they were.
            ^ ((ulong)(byte)m.Instance << 41) ^ ((ulong)(uint)m.Ballot << 49) ^ ((ulong)(uint)m.Accepted << 57);

    /// <summary>A message's payload as one word (0 without one: 2PC and 3PC messages).</summary>
    internal static ulong BodyWord(in Message m) => m.Body is { } body ? Spread(body.Fingerprint()) : 0;

    /// <summary>Moves a nested hash away from the small packed words it is combined with.</summary>
    internal static ulong Spread(ulong word) => (word ^ (word >> 29)) * 0x9E3779B97F4A7C15UL;
}

/// <summary>The four words of the run's xoshiro256** generator: with them, every later draw is known.</summary>
public readonly record struct PrngState(ulong S0, ulong S1, ulong S2, ulong S3);
