using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// An immutable picture of a run at one moment: everything the Lab draws. Taking one copies what it
/// needs, so the UI may hold it while the run goes on.
/// </summary>
/// <param name="StopMessage">Set when the run stopped at its event limit (see <see cref="Simulator.StopMessage"/>).</param>
public sealed record Snapshot(
    long Tick,
    long Events,
    bool Finished,
    ProtocolKind Protocol,
    ImmutableArray<NodeSnapshot> Nodes,
    ImmutableArray<LinkSnapshot> Links,
    ImmutableArray<MessageSnapshot> InFlight,
    ImmutableArray<ImmutableArray<string>> Partition,
    MonitorSnapshot Monitors,
    RunOutcome? Outcome,
    string? StopMessage = null)
{
    /// <summary>Messages sent so far: the cost the presumptions and the read-only optimisation save on, as the run goes.</summary>
    public int MessagesSent { get; init; }

    /// <summary>Forced log writes so far, by every node.</summary>
    public int ForcedWrites { get; init; }
}

/// <param name="Role">"coordinator", "participant" or "outcome log".</param>
/// <param name="Phase">The protocol state last entered (kept while the node is down, to draw it greyed).</param>
/// <param name="Busy">In the middle of a forced log write.</param>
/// <param name="BlockedSince">When the blocking monitor saw it start blocking, or null.</param>
public sealed record NodeSnapshot(
    string Name,
    string Role,
    Phase Phase,
    Outcome Decision,
    bool Up,
    bool Frozen,
    long FrozenUntil,
    bool Busy,
    bool VotesNo,
    ImmutableArray<LogEntry> Log,
    ImmutableArray<LockHold> Locks,
    ImmutableArray<TimerView> Timers,
    ImmutableArray<string> Suspects,
    long? BlockedSince);

/// <summary>A durable log record and when it became durable; <paramref name="Saved"/> is the state a checkpoint record saves.</summary>
/// <remarks>
/// A struct, as is <see cref="LockHold"/>: every log write of every run makes one, and a node's list
/// of them is read in place when a world state is fingerprinted, with no object per record to visit.
/// </remarks>
public readonly record struct LogEntry(LogRecordKind Record, bool Forced, long Tick, Checkpoint? Saved = null);

/// <summary>A lock a node holds, since when.</summary>
public readonly record struct LockHold(string Resource, long Since);

/// <summary>A running timer and the tick it fires at.</summary>
public sealed record TimerView(TimerKind Timer, long Due);

/// <summary>A directed link: messages from <see cref="From"/> to <see cref="To"/> pass while it is up.</summary>
public sealed record LinkSnapshot(string From, string To, bool Up);

/// <summary>A message on its way. <see cref="WillBeLost"/>: the network already lost it (it will vanish on arrival).</summary>
public sealed record MessageSnapshot(
    long Id,
    MessageKind Kind,
    string From,
    string To,
    long SentAt,
    long DeliverAt,
    Outcome Decision,
    Phase State,
    bool WillBeLost);

/// <summary>The monitors' verdicts so far.</summary>
public sealed record MonitorSnapshot(
    bool Atomicity,
    bool Validity,
    ImmutableArray<string> Violations,
    (string Committed, string Aborted)? Conflict,
    ImmutableArray<BlockedNode> Blocked)
{
    /// <summary>Every monitor of the run's protocol, in the protocol's order, and whether its property holds so far.</summary>
    public ImmutableArray<MonitorVerdict> Verdicts { get; init; } = [];
}

/// <summary>One monitor's verdict so far: its property's name ("atomicity") and whether it holds.</summary>
public sealed record MonitorVerdict(string Name, bool Holds);

/// <summary>A blocked participant: since when, and for how long by the snapshot's tick.</summary>
public sealed record BlockedNode(string Node, long Since, long For);
