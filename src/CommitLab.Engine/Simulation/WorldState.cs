using System.Collections.Immutable;
using System.Runtime.CompilerServices;
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
    /// <remarks>
    /// One stream of words, paired and multiplied (see <see cref="StateHasher"/>). Small fields share
    /// a word (see <see cref="StateHasher.Rotl"/>): ticks and ids (below 2^32: maxTicks is at most a
    /// million) two to a word, the list lengths with the clock. A value beyond those bounds still
    /// changes the fingerprint, it only shares bits with its neighbour. Each node hashes its words at
    /// positions of its own (<see cref="NodeWorld.Fingerprint(ulong)"/>), so its part is XORed in as
    /// it is, without another multiply.
    /// </remarks>
    public ulong Fingerprint()
    {
        var nodes = Nodes.AsSpan();
        var links = Links.AsSpan();
        var inFlight = InFlight.AsSpan();
        var counts = (ulong)(uint)nodes.Length | ((ulong)(uint)inFlight.Length << 8) | ((ulong)(uint)Partition.Count << 24);
        var at = StateHasher.Step;
        var hash = StateHasher.Pair((ulong)Tick ^ StateHasher.Rotl(counts, 40), (ulong)NextMessageId, at);
        at += StateHasher.Step;
        hash ^= StateHasher.Pair(Prng.S0, Prng.S1, at);
        at += StateHasher.Step;
        hash ^= StateHasher.Pair(Prng.S2, Prng.S3, at);
        for (var i = 0; i < nodes.Length; i++)
        {
            hash ^= nodes[i].Fingerprint(NodePositions * (ulong)(i + 1));
        }

        var words = links.Length;
        for (var i = 0; i < words; i += 2)
        {
            at += StateHasher.Step;
            hash ^= StateHasher.Pair(links[i], i + 1 < words ? links[i + 1] : 0, at);
        }

        // A message is three words (fields, id and send tick, arrival and whether lost); the third
        // words of two messages share a pair.
        for (var i = 0; i < inFlight.Length; i += 2)
        {
            ref readonly var first = ref inFlight[i];
            at += StateHasher.Step;
            hash ^= StateHasher.Pair(MessageWorld.Pack(first.Message) ^ MessageWorld.BodyWord(first.Message), (ulong)first.Id ^ StateHasher.Rotl((ulong)first.SentAt, 32), at);
            var second = 0UL;
            if (i + 1 < inFlight.Length)
            {
                ref readonly var next = ref inFlight[i + 1];
                at += StateHasher.Step;
                hash ^= StateHasher.Pair(MessageWorld.Pack(next.Message) ^ MessageWorld.BodyWord(next.Message), (ulong)next.Id ^ StateHasher.Rotl((ulong)next.SentAt, 32), at);
                second = Arrival(next);
            }

            at += StateHasher.Step;
            hash ^= StateHasher.Pair(Arrival(first), second, at);
        }

        if (Partition.Count > 0)
        {
            hash ^= PartitionWords(at);
        }

        return StateHasher.Finish(hash ^ at);

        static ulong Arrival(in MessageWorld m) => ((ulong)m.DeliverAt << 1) | (m.Lost ? 1UL : 0);
    }

    /// <summary>
    /// How far apart the nodes' positions start: each node has 2^24 pairs to itself before it would
    /// share a position key with the next (or, for the first, with the world's own words).
    /// </summary>
    private const ulong NodePositions = StateHasher.Step << 24;

    /// <summary>The partition's groups of names (rare: only after a partition fault, to draw it).</summary>
    private ulong PartitionWords(ulong at)
    {
        var h = default(StateHasher);
        foreach (var group in Partition.AsSpan())
        {
            h.Add((ulong)(uint)group.Count);
            foreach (var name in group.AsSpan())
            {
                h.Add(StateHasher.Of(name));
            }
        }

        return StateHasher.Pair(h.Raw, 0x9A27, at + StateHasher.Step);
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
    /// <summary>
    /// The fingerprint of <see cref="Log"/>, <see cref="Locks"/> and <see cref="Pending"/> together,
    /// when whoever built the node knew it (the simulator keeps it up to date as the lists change, see
    /// <see cref="ListPrints"/>). Setting any of the three, as <c>with</c> does, drops it.
    /// </summary>
    private CarriedPrint lists;

    /// <summary>The durable log: survives a crash and only grows.</summary>
    public ValueList<LogEntry> Log { get; init { field = value; lists = default; } } = Log;

    /// <summary>Locks held (volatile: a crash releases them).</summary>
    public ValueList<LockHold> Locks { get; init { field = value; lists = default; } } = Locks;

    /// <summary>Effects waiting for a forced write to finish, in order.</summary>
    public ValueList<Effect> Pending { get; init { field = value; lists = default; } } = Pending;

    /// <summary>What <see cref="ListsWord"/> would work out from the lists: set by the simulator, which knows it already.</summary>
    internal ulong ListsPrint
    {
        init => lists = new CarriedPrint(value);
    }

    /// <summary>
    /// Every field, in a fixed order, hashed at positions from <paramref name="at"/> on (see
    /// <see cref="WorldState.Fingerprint"/>): the XOR of its pairs, unfinished.
    /// </summary>
    /// <remarks>
    /// This runs for every node of every state an explorer meets, so it feeds as few words as it can:
    /// the flags, enums, list lengths and both node bit sets in one word, the two "until" ticks in
    /// another, the role state's two words, timers two to a word, and one word for the log, the locks
    /// and the waiting effects together. That last word is their fingerprints XORed (see
    /// <see cref="ListsWord"/>); the simulator keeps that up to date as the lists change
    /// (<see cref="ListPrints"/>), so a state it builds hands it over and nothing here walks a list.
    /// The only call that is not inlined is the role state's (and, for a node built or changed by
    /// hand, the walk over its lists).
    /// </remarks>
    internal ulong Fingerprint(ulong at)
    {
        var timers = Timers.AsSpan();
        var flags = Bit(Up) | (Bit(CarryingOn) << 1) | (Bit(VotesNo) << 2) | (Volatile is null ? 0 : 8UL)
            ^ ((ulong)Phase << 4) ^ ((ulong)Decision << 8) ^ ((ulong)(uint)Log.Count << 10) ^ ((ulong)(uint)Locks.Count << 18)
            ^ ((ulong)(uint)Pending.Count << 22) ^ ((ulong)(uint)timers.Length << 28);
        var (first, second) = Volatile is { } state ? state.FingerprintWords() : (0UL, 0UL);

        // The hash and its position in plain locals, so they stay in registers. Node bit sets hold at
        // most 18 nodes (16 participants, L and LOG), so the two sit side by side.
        at += StateHasher.Step;
        var hash = StateHasher.Pair(flags ^ StateHasher.Rotl(Suspects, 32) ^ StateHasher.Rotl(LooksDead, 48), (ulong)FrozenUntil ^ StateHasher.Rotl((ulong)BusyUntil, 32), at);
        at += StateHasher.Step;
        hash ^= StateHasher.Pair(first, second, at);

        // Timers two to a word, each as due tick + 1 so that one not running (-1) is 0: as -1 it
        // would fill the whole word, and the first timer due at 0 would read like the second. Four
        // timers to a pair; the lists' word ends the stream (a commit run's four timers and the lists: two pairs).
        var i = 0;
        for (; i + 3 < timers.Length; i += 4)
        {
            at += StateHasher.Step;
            hash ^= StateHasher.Pair(TimerWord(timers[i], timers[i + 1]), TimerWord(timers[i + 2], timers[i + 3]), at);
        }

        var lists = ListsWord();
        at += StateHasher.Step;
        switch (timers.Length - i)
        {
            case 0:
                return hash ^ StateHasher.Pair(lists, 0, at);
            case 1:
                return hash ^ StateHasher.Pair((ulong)(timers[i] + 1), lists, at);
            case 2:
                return hash ^ StateHasher.Pair(TimerWord(timers[i], timers[i + 1]), lists, at);
            default:
                hash ^= StateHasher.Pair(TimerWord(timers[i], timers[i + 1]), (ulong)(timers[i + 2] + 1), at);
                return hash ^ StateHasher.Pair(lists, 0, at + StateHasher.Step);
        }

        static ulong TimerWord(long a, long b) => (ulong)(a + 1) ^ StateHasher.Rotl((ulong)(b + 1), 32);
    }

    /// <summary>
    /// The log, the locks and the waiting effects as one word: their fingerprints XORed. Each list's
    /// is the XOR of one product per element, keyed by the list and the element's place in it (see
    /// <see cref="LogTerm"/>, <see cref="LockTerm"/>, <see cref="PendingTerm"/>), so no two elements
    /// anywhere share a key and the lists cannot cancel out; and a list that grows, or (the effects)
    /// loses its first element, changes its fingerprint by one product. Taken from what the node
    /// carries when it was built with it (<see cref="ListsPrint"/>), worked out from the elements when not
    /// (a node built or changed by hand; 0 is also worked out, to no harm).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong ListsWord() => lists.Value != 0 ? lists.Value : ListsWordFromElements();

    private ulong ListsWordFromElements()
    {
        var print = 0UL;
        var entries = Log.AsSpan();
        for (var i = 0; i < entries.Length; i++)
        {
            print ^= LogTerm(entries[i], i);
        }

        var holds = Locks.AsSpan();
        for (var i = 0; i < holds.Length; i++)
        {
            print ^= LockTerm(holds[i], i);
        }

        var effects = Pending.AsSpan();
        for (var i = 0; i < effects.Length; i++)
        {
            print ^= PendingTerm(effects[i], effects.Length - 1 - i);
        }

        return print;
    }

    /// <summary>
    /// Log record <paramref name="index"/>'s part of the log's fingerprint: a record, whether forced,
    /// and its tick in one word (a checkpoint's saved state folded in), keyed by its place.
    /// </summary>
    internal static ulong LogTerm(in LogEntry entry, int index) => StateHasher.Pair(
        ((ulong)entry.Record | (Bit(entry.Forced) << 4) | ((ulong)entry.Tick << 5)) ^ (entry.Saved is { } saved ? MessageWorld.Spread(saved.Fingerprint()) : 0),
        0,
        ListKey(index, 1));

    /// <summary>Lock <paramref name="index"/>'s part of the locks' fingerprint (in the order taken).</summary>
    // Multiplying by an odd number loses nothing, and moves the name away from the tick.
    internal static ulong LockTerm(in LockHold hold, int index) => StateHasher.Pair((StateHasher.Of(hold.Resource) * 0x9E3779B97F4A7C15UL) ^ (ulong)hold.Since, 0, ListKey(index, 2));

    /// <summary>
    /// A waiting effect's part of their fingerprint, keyed by its place counted from the last
    /// (<paramref name="fromEnd"/> = 0), because the effects leave from the front: when the first is
    /// carried out, the others keep their keys.
    /// </summary>
    internal static ulong PendingTerm(in Effect effect, int fromEnd) => StateHasher.Pair(EffectWord(effect), 0, ListKey(fromEnd, 3));

    /// <summary>
    /// The key of place <paramref name="place"/> in list <paramref name="list"/> (1 the log, 2 the
    /// locks, 3 the waiting effects): the lists' places interleave, and a multiple of the odd
    /// <see cref="StateHasher.Step"/> is never repeated, so no key serves two elements.
    /// </summary>
    private static ulong ListKey(int place, int list) => StateHasher.Step * ((3 * (ulong)(uint)place) + (ulong)list);

    /// <summary>A bool as 0 or 1, without a branch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bit(bool value) => Unsafe.BitCast<bool, byte>(value);

    /// <summary>
    /// An effect waiting behind a forced write, as one word: its kind and the fields that kind uses.
    /// The others are derivable: every effect is built by <see cref="Outbox"/> (or the simulator),
    /// which leaves the fields a kind does not name at their defaults, so hashing them would only
    /// cost loads. An effect of a kind this does not know yet hashes every field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong EffectWord(in Effect e) => e.Kind switch
    {
        EffectKind.Send => (ulong)EffectKind.Send ^ StateHasher.Rotl(MessageWorld.Pack(e.Message), 4) ^ MessageWorld.BodyWord(e.Message),
        EffectKind.SetTimer => (ulong)EffectKind.SetTimer ^ ((ulong)e.Timer << 4) ^ ((ulong)(uint)e.Delay << 8) ^ StateHasher.Rotl((ulong)(uint)e.Jitter, 40),
        EffectKind.CancelTimer => (ulong)EffectKind.CancelTimer ^ ((ulong)e.Timer << 4),
        EffectKind.Append => (ulong)EffectKind.Append ^ ((ulong)e.Record << 4) ^ (Bit(e.Forced) << 8) ^ (e.Saved is { } saved ? MessageWorld.Spread(saved.Fingerprint()) : 0),
        EffectKind.Decide => (ulong)EffectKind.Decide ^ ((ulong)e.Decision << 4),
        EffectKind.Enter => (ulong)EffectKind.Enter ^ ((ulong)e.State << 4),
        EffectKind.Acquire => (ulong)EffectKind.Acquire ^ MessageWorld.Spread(StateHasher.Of(e.Resource)),
        EffectKind.ReleaseAll => (ulong)EffectKind.ReleaseAll,
        _ => EveryField(e),
    };

    private static ulong EveryField(in Effect e)
    {
        var h = default(StateHasher);
        h.Add(
            (ulong)e.Kind ^ ((ulong)e.Timer << 8) ^ ((ulong)e.Record << 16) ^ (Bit(e.Forced) << 24) ^ ((ulong)e.Decision << 32) ^ ((ulong)e.State << 40),
            MessageWorld.Pack(e.Message) ^ MessageWorld.BodyWord(e.Message));
        h.Add((ulong)(uint)e.Delay | ((ulong)(uint)e.Jitter << 32), StateHasher.Of(e.Data as string) ^ (e.Saved?.Fingerprint() ?? 0));
        return h.Raw;
    }
}

/// <summary>A message on the wire.</summary>
/// <param name="Lost">The network already lost it: it vanishes when it would have arrived.</param>
public readonly record struct MessageWorld(long Id, Message Message, long SentAt, long DeliverAt, bool Lost)
{
    /// <summary>A message's fields in one word (node indices are below 64, the enums below 256; ballots are folded in).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Pack(in Message m) =>
        (ulong)m.Kind | ((ulong)(byte)m.From << 8) | ((ulong)(byte)m.To << 16) | ((ulong)m.Decision << 24)
            | ((ulong)m.State << 32) | (m.FromRecovery ? 1UL << 40 : 0)
            // Paxos Commit's fields, zero in every other message, so other fingerprints stay as they were.
            ^ ((ulong)(byte)m.Instance << 41) ^ ((ulong)(uint)m.Ballot << 49) ^ ((ulong)(uint)m.Accepted << 57);

    /// <summary>A message's payload as one word (0 without one: 2PC and 3PC messages).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong BodyWord(in Message m) => m.Body is { } body ? Spread(body.Fingerprint()) : 0;

    /// <summary>Moves a nested hash away from the small packed words it is combined with.</summary>
    internal static ulong Spread(ulong word) => (word ^ (word >> 29)) * 0x9E3779B97F4A7C15UL;
}

/// <summary>The four words of the run's xoshiro256** generator: with them, every later draw is known.</summary>
public readonly record struct PrngState(ulong S0, ulong S1, ulong S2, ulong S3);
