using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>
/// One state of a scenario under abstract time: what the simulator's <see cref="WorldState"/> holds
/// minus the clock, the PRNG and message ids, which are history rather than state once time is
/// abstract. Node states are the roles' own <see cref="NodeState"/> records and hash with their
/// <see cref="NodeState.Fingerprint"/>. Messages in flight form a set, as in TLA+'s <c>msgs</c>: a
/// resend of a message still on the wire adds nothing, which keeps retries from growing the space.
/// Immutable once built; equal worlds have equal fingerprints.
/// </summary>
public sealed class ScenarioWorld : IEquatable<ScenarioWorld>
{
    internal ScenarioWorld(int nodes)
    {
        Volatile = new NodeState?[nodes];
        Logs = new ulong[nodes];
        Pending = new Effect[]?[nodes];
        Suspected = new ulong[nodes];
        InFlight = [];
    }

    private ScenarioWorld(ScenarioWorld from)
    {
        Volatile = (NodeState?[])from.Volatile.Clone();
        Logs = (ulong[])from.Logs.Clone();
        Pending = (Effect[]?[])from.Pending.Clone();
        Suspected = (ulong[])from.Suspected.Clone();
        InFlight = from.InFlight;
        Up = from.Up;
        Decisions = from.Decisions;
        Locks = from.Locks;
        Timers = from.Timers;
        CutPairs = from.CutPairs;
        Used = from.Used;
    }

    /// <summary>Each node's volatile state; null while it is down.</summary>
    internal NodeState?[] Volatile { get; }

    /// <summary>Each node's durable log, one record per 4 bits (record kind + 1), oldest lowest.</summary>
    internal ulong[] Logs { get; }

    /// <summary>Per node, the effects waiting behind a forced log write that has become durable; null when none.</summary>
    internal Effect[]?[] Pending { get; }

    /// <summary>Per node, the nodes its failure detector suspects (3PC only).</summary>
    internal ulong[] Suspected { get; }

    /// <summary>Messages on the wire, packed (<see cref="ScenarioActions.Pack"/>), sorted and distinct.</summary>
    internal ulong[] InFlight { get; set; }

    /// <summary>A bit per node that is running.</summary>
    internal ulong Up { get; set; }

    /// <summary>Two bits per node: its <see cref="Outcome"/>, once decided (kept while down: a decision is never taken back).</summary>
    internal ulong Decisions { get; set; }

    /// <summary>A bit per node holding the transaction's lock.</summary>
    internal ulong Locks { get; set; }

    /// <summary>Four bits per node, one per <see cref="TimerKind"/>: running timers.</summary>
    internal ulong Timers { get; set; }

    /// <summary>A bit per unordered pair of nodes whose link is cut (both ways).</summary>
    internal ulong CutPairs { get; set; }

    /// <summary>Faults used so far: crashes, recoveries, drops, cuts, a byte each.</summary>
    internal uint Used { get; set; }

    private ulong fingerprint;

    internal ScenarioWorld Copy() => new(this);

    public bool IsUp(int node) => (Up & (1UL << node)) != 0;

    public Outcome DecisionOf(int node) => (Outcome)((Decisions >> (2 * node)) & 3);

    public Phase? PhaseOf(int node) => Volatile[node]?.Phase;

    public bool HasPending(int node) => Pending[node] is not null;

    public bool AnyPending
    {
        get
        {
            foreach (var pending in Pending)
            {
                if (pending is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public int Nodes => Volatile.Length;

    /// <summary>The records in a node's durable log, oldest first.</summary>
    public IReadOnlyList<LogRecordKind> LogOf(int node)
    {
        var records = new List<LogRecordKind>();
        for (var packed = Logs[node]; packed != 0; packed >>= 4)
        {
            records.Add((LogRecordKind)((packed & 15) - 1));
        }

        return records;
    }

    public bool Logged(int node, LogRecordKind record)
    {
        for (var packed = Logs[node]; packed != 0; packed >>= 4)
        {
            if ((LogRecordKind)((packed & 15) - 1) == record)
            {
                return true;
            }
        }

        return false;
    }

    internal int UsedOf(int kind) => (int)((Used >> (8 * kind)) & 0xFF);

    internal void Spend(int kind) => Used += 1U << (8 * kind);

    internal bool TimerRunning(int node, TimerKind timer) => (Timers & TimerBit(node, timer)) != 0;

    internal static ulong TimerBit(int node, TimerKind timer) => 1UL << ((4 * node) + (int)timer);

    /// <summary>The index of the unordered pair {a, b} among a world's links.</summary>
    internal static int PairIndex(int a, int b)
    {
        var (low, high) = a < b ? (a, b) : (b, a);
        return (high * (high - 1) / 2) + low;
    }

    internal bool LinkCut(int a, int b) => (CutPairs & (1UL << PairIndex(a, b))) != 0;

    /// <summary>A stable 64-bit hash of every field; computed once, as worlds are immutable once built.</summary>
    public ulong Fingerprint()
    {
        if (fingerprint != 0)
        {
            return fingerprint;
        }

        var h = default(StateHasher);
        h.Add(Up | ((ulong)Used << 32), Decisions);
        h.Add(Locks, Timers);
        h.Add(CutPairs, (ulong)InFlight.Length);
        for (var node = 0; node < Volatile.Length; node++)
        {
            h.Add(Volatile[node]?.Fingerprint() ?? 0x5EED, Logs[node] ^ (Suspected[node] << 40));
            if (Pending[node] is { } pending)
            {
                foreach (ref readonly var effect in pending.AsSpan())
                {
                    h.Add(
                        (ulong)effect.Kind | ((ulong)effect.Timer << 8) | ((ulong)effect.Record << 16) | (effect.Forced ? 1UL << 24 : 0)
                            | ((ulong)effect.Decision << 32) | ((ulong)effect.State << 40),
                        ScenarioActions.Pack(effect.Message) ^ ((ulong)(uint)effect.Delay << 32));
                }
            }
        }

        foreach (var message in InFlight)
        {
            h.Add(message);
        }

        var result = h.Finish();
        fingerprint = result == 0 ? 1 : result;
        return fingerprint;
    }

    public bool Equals(ScenarioWorld? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || Up != other.Up || Decisions != other.Decisions || Locks != other.Locks || Timers != other.Timers
            || CutPairs != other.CutPairs || Used != other.Used || Fingerprint() != other.Fingerprint()
            || !InFlight.AsSpan().SequenceEqual(other.InFlight) || !Logs.AsSpan().SequenceEqual(other.Logs)
            || !Suspected.AsSpan().SequenceEqual(other.Suspected))
        {
            return false;
        }

        for (var node = 0; node < Volatile.Length; node++)
        {
            if (!Equals(Volatile[node], other.Volatile[node]))
            {
                return false;
            }

            var (mine, theirs) = (Pending[node], other.Pending[node]);
            if (mine is null != theirs is null || (mine is not null && !mine.AsSpan().SequenceEqual(theirs)))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is ScenarioWorld other && Equals(other);

    public override int GetHashCode() => (int)Fingerprint();
}
