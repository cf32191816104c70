using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Cli;

/// <summary>
/// Generates one fuzz run's fault schedule from the run's seed, so that a seed names a whole run:
/// the same seed gives the same faults, and with them the same trace.
/// <para>
/// Randomness comes from the engine's <see cref="Prng"/> (xoshiro256** seeded through SplitMix64),
/// seeded with the run seed XOR <see cref="StreamSalt"/> so the plan's draws are independent of the
/// simulator's own draws from the same seed. Draws happen in a fixed order, documented below, and
/// the plan is written into the scenario, so a repro file does not depend on this generator at all.
/// </para>
/// <para>
/// A plan has 1 to <see cref="MaxPrimaryFaults"/> faults drawn uniformly from the allowed kinds.
/// Each happens at a random tick in [0, <see cref="Horizon"/>), where 2PC and 3PC do their work, or,
/// one time in three, on a protocol trigger ("P1 enters uncertain"). <c>drop</c> and <c>delay</c> are
/// always on a <c>sends</c> trigger, since they act on the message that fired it. When <c>recover</c>
/// is allowed, every crashed node recovers later, and cuts and partitions heal later most of the
/// time, so that runs can finish rather than all ending blocked.
/// </para>
/// </summary>
public static partial class FaultPlan
{
    /// <summary>Faults land in the first this-many ticks: a fault-free run of either protocol is over by then.</summary>
    public const long Horizon = 1_000;

    public const int MaxPrimaryFaults = 3;

    /// <summary>How long after a fault its repair (recover, heal) comes: [MinRepairDelay, MinRepairDelay + RepairSpread).</summary>
    public const long MinRepairDelay = 100;

    public const long RepairSpread = 1_500;

    /// <summary>"FAULTPLN" in ASCII: separates the plan's random stream from the simulator's for the same seed.</summary>
    public const ulong StreamSalt = 0x4641554C54504C4E;

    public static ImmutableArray<ScheduledFault> Generate(ulong seed, ProtocolKind protocol, int participants, IReadOnlySet<FaultKind> kinds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 1);
        var random = new Prng(seed ^ StreamSalt);
        // Recover is a repair, not a fault of its own; it is drawn together with each crash.
        var primary = kinds.Where(kind => kind != FaultKind.Recover).Order().ToArray();
        if (primary.Length == 0)
        {
            return [];
        }

        var nodes = new[] { "L" }.Concat(Enumerable.Range(1, participants).Select(i => $"P{i}")).ToArray();
        var faults = new List<(long SortTick, ScheduledFault Fault)>();
        var count = (int)random.NextInclusive(1, MaxPrimaryFaults);
        for (var i = 0; i < count; i++)
        {
            var kind = primary[random.NextInclusive(0, primary.Length - 1)];
            var messageFault = kind is FaultKind.Drop or FaultKind.Delay;
            // Trigger-timed faults sort after the horizon: they usually fire early, but their
            // repairs must come after them whenever they do.
            FaultTiming when;
            long tick;
            if (messageFault || random.NextInclusive(0, 2) == 0)
            {
                var trigger = messageFault ? SendsTrigger(random, protocol, participants) : AnyTrigger(random, protocol, participants);
                when = new FaultTiming.OnTrigger(trigger);
                tick = Horizon;
            }
            else
            {
                tick = random.NextInclusive(0, Horizon - 1);
                when = new FaultTiming.AtTick(tick);
            }

            var repairAt = tick + MinRepairDelay + random.NextInclusive(0, RepairSpread - 1);
            var node = Pick(random, nodes);
            switch (kind)
            {
                case FaultKind.Crash:
                    faults.Add((tick, new ScheduledFault(when, new FaultAction.Crash(node))));
                    if (kinds.Contains(FaultKind.Recover))
                    {
                        faults.Add((repairAt, new ScheduledFault(new FaultTiming.AtTick(repairAt), new FaultAction.Recover(node))));
                    }

                    break;

                case FaultKind.Freeze:
                    faults.Add((tick, new ScheduledFault(when, new FaultAction.Freeze(node, (int)random.NextInclusive(50, 600)))));
                    break;

                case FaultKind.Cut:
                    var other = Pick(random, nodes.Where(name => name != node).ToArray());
                    var bothWays = random.NextInclusive(0, 1) == 0;
                    faults.Add((tick, new ScheduledFault(when, new FaultAction.Cut(node, other, bothWays))));
                    if (random.NextInclusive(0, 9) < 7)
                    {
                        faults.Add((repairAt, new ScheduledFault(new FaultTiming.AtTick(repairAt), new FaultAction.Heal(node, other, bothWays))));
                    }

                    break;

                case FaultKind.Partition:
                    faults.Add((tick, new ScheduledFault(when, new FaultAction.Partition(Split(random, nodes)))));
                    if (random.NextInclusive(0, 9) < 7)
                    {
                        faults.Add((repairAt, new ScheduledFault(new FaultTiming.AtTick(repairAt), new FaultAction.HealAll())));
                    }

                    break;

                case FaultKind.Drop:
                    faults.Add((tick, new ScheduledFault(when, new FaultAction.Drop())));
                    break;

                case FaultKind.Delay:
                    faults.Add((tick, new ScheduledFault(when, new FaultAction.Delay((int)random.NextInclusive(50, 500)))));
                    break;

                case FaultKind.VoteNo:
                    faults.Add((tick, new ScheduledFault(when, new FaultAction.VoteNo($"P{random.NextInclusive(1, participants)}"))));
                    break;
            }
        }

        // Schedule order reads like the run: tick-timed faults by tick, triggers, then repairs.
        // OrderBy is stable, so equal ticks keep the order they were drawn in.
        return [.. faults.OrderBy(entry => entry.SortTick).Select(entry => entry.Fault)];
    }

    /// <summary>Two groups, every node in one of them, neither empty: a random cut through the network.</summary>
    private static ImmutableArray<ImmutableArray<string>> Split(Prng random, string[] nodes)
    {
        var shuffled = nodes.ToArray();
        for (var i = shuffled.Length - 1; i > 0; i--)
        {
            var j = (int)random.NextInclusive(0, i);
            (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
        }

        var at = (int)random.NextInclusive(1, shuffled.Length - 1);
        return [[.. shuffled[..at]], [.. shuffled[at..]]];
    }

    /// <summary>A message some node sends in a normal run of this protocol, so the trigger is likely to fire.</summary>
    private static Trigger SendsTrigger(Prng random, ProtocolKind protocol, int participants)
    {
        var participant = $"P{random.NextInclusive(1, participants)}";
        MessageKind[] fromLeader = protocol == ProtocolKind.TwoPhase
            ? [MessageKind.Prepare, MessageKind.Commit, MessageKind.Abort]
            : [MessageKind.CanCommit, MessageKind.PreCommit, MessageKind.DoCommit, MessageKind.Abort];
        MessageKind[] fromParticipant = protocol == ProtocolKind.TwoPhase
            ? [MessageKind.VoteYes, MessageKind.Ack, MessageKind.DecisionReq]
            : [MessageKind.VoteYes, MessageKind.Ack, MessageKind.StateReport];
        return random.NextInclusive(0, 1) == 0
            ? new Trigger(TriggerKind.Sends, "L", Message: Pick(random, fromLeader), Peer: participant)
            : new Trigger(TriggerKind.Sends, participant, Message: Pick(random, fromParticipant));
    }

    /// <summary>Any protocol moment: a send, a log write or a state change.</summary>
    private static Trigger AnyTrigger(Prng random, ProtocolKind protocol, int participants)
    {
        var participant = $"P{random.NextInclusive(1, participants)}";
        switch (random.NextInclusive(0, 2))
        {
            case 0:
                return SendsTrigger(random, protocol, participants);
            case 1:
                LogRecordKind[] records = protocol == ProtocolKind.TwoPhase
                    ? [LogRecordKind.Prepared, LogRecordKind.Commit, LogRecordKind.Abort]
                    : [LogRecordKind.Prepared, LogRecordKind.PreCommit, LogRecordKind.Commit, LogRecordKind.Abort];
                var record = Pick(random, records);
                // Only participants write PREPARED; the leader writes the decisions.
                var writer = record == LogRecordKind.Prepared || random.NextInclusive(0, 1) == 0 ? participant : "L";
                return new Trigger(TriggerKind.Logs, writer, Record: record);
            default:
                Phase[] phases = protocol == ProtocolKind.TwoPhase
                    ? [Phase.Uncertain, Phase.Committed, Phase.Aborted]
                    : [Phase.Uncertain, Phase.PreCommitted, Phase.Committed, Phase.Aborted];
                return new Trigger(TriggerKind.Enters, participant, State: Pick(random, phases));
        }
    }

    private static T Pick<T>(Prng random, T[] items) => items[random.NextInclusive(0, items.Length - 1)];
}
