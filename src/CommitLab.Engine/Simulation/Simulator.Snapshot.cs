using System.Collections.Immutable;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Simulation;

/// <summary>Reading the run: the world state as one value, and the snapshot the UI draws from it.</summary>
public sealed partial class Simulator
{
    /// <summary>The whole state of the run now, as one immutable value (see <see cref="WorldState"/>).</summary>
    public WorldState State()
    {
        var nodes = ImmutableArray.CreateBuilder<NodeWorld>(nodeCount);
        for (var i = 0; i < nodeCount; i++)
        {
            var timers = new long[timerKinds];
            Array.Copy(timerDue, i * timerKinds, timers, 0, timerKinds);
            nodes.Add(new NodeWorld(
                slots[i].State,
                slots[i].Up,
                slots[i].Phase,
                slots[i].Decision,
                contexts[i].VotesNo,
                slots[i].FrozenUntil,
                slots[i].BusyUntil,
                slots[i].CarryingOn,
                slots[i].Log.ToImmutableArray(),
                slots[i].Locks.ToImmutableArray(),
                ImmutableCollectionsMarshal(timers),
                detector.Suspected[i],
                detector.LooksDead(i),
                slots[i].Pending >= 0 ? ImmutableArray.Create(Parked(slots[i].Pending)) : ImmutableArray<Effect>.Empty)
            {
                ListsPrint = ListsPrint(i),
            });
        }

        var words = new ulong[((nodeCount * nodeCount) + 63) / 64];
        for (var slot = 0; slot < linkUp.Length; slot++)
        {
            if (linkUp[slot])
            {
                words[slot >> 6] |= 1UL << (slot & 63);
            }
        }

        var messages = ImmutableArray.CreateBuilder<MessageWorld>(inFlight.Count);
        for (var slot = 0; slot < inFlight.Extent; slot++)
        {
            ref readonly var flight = ref inFlight[slot];
            if (flight.Id != 0)
            {
                messages.Add(new MessageWorld(flight.Id, flight.Message, flight.SentAt, flight.DeliverAt, flight.Lost));
            }
        }

        messages.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        var groups = partition.Select(g => new ValueList<string>(g)).ToImmutableArray();
        return new WorldState(Tick, nodes.MoveToImmutable(), ImmutableCollectionsMarshal(words), messages.MoveToImmutable(), groups, prng.State, nextMessageId);
    }

    /// <summary>
    /// Each node's list fingerprints, kept from the first <see cref="State"/> on (a run that never
    /// builds a state, like most, spends nothing on them).
    /// </summary>
    private ListPrints[]? prints;

    /// <summary>The fingerprint of node <paramref name="node"/>'s log, locks and waiting effects, brought up to date.</summary>
    private ulong ListsPrint(int node)
    {
        prints ??= new ListPrints[nodeCount];
        ref var kept = ref prints[node];
        ref readonly var slot = ref slots[node];
        var print = kept.Log(slot.Log) ^ kept.Locks(slot.Locks);
        if (slot.Pending >= 0)
        {
            ref readonly var waiting = ref parked[slot.Pending];
            print ^= kept.Pending(slot.Pending, waiting.Buffer!, waiting.Start, waiting.End);
        }

        return print;
    }

    /// <summary>An immutable picture of the run now: the world state plus what the views add (names, roles, monitors).</summary>
    public Snapshot Snapshot()
    {
        var world = State();
        var nodes = ImmutableArray.CreateBuilder<NodeSnapshot>(nodeCount);
        for (var i = 0; i < nodeCount; i++)
        {
            var node = world.Nodes[i];
            var timers = ImmutableArray.CreateBuilder<TimerView>();
            for (var t = 0; t < node.Timers.Count; t++)
            {
                if (node.Timers[t] >= 0)
                {
                    timers.Add(new TimerView((TimerKind)t, node.Timers[t]));
                }
            }

            var suspects = ImmutableArray.CreateBuilder<string>();
            for (var j = 0; j < nodeCount; j++)
            {
                if ((node.Suspects & NodeContext.Bit(j)) != 0)
                {
                    suspects.Add(names[j]);
                }
            }

            nodes.Add(new NodeSnapshot(
                names[i],
                roles[i].Name,
                node.Phase,
                node.Decision,
                node.Up,
                node.Up && node.FrozenUntil > world.Tick,
                node.FrozenUntil,
                node.Up && (node.BusyUntil > world.Tick || node.CarryingOn),
                node.VotesNo,
                node.Log.Items,
                node.Locks.Items,
                timers.ToImmutable(),
                suspects.ToImmutable(),
                blocking?.BlockedSince(i)));
        }

        var links = ImmutableArray.CreateBuilder<LinkSnapshot>(nodeCount * (nodeCount - 1));
        for (var from = 0; from < nodeCount; from++)
        {
            for (var to = 0; to < nodeCount; to++)
            {
                if (from != to)
                {
                    links.Add(new LinkSnapshot(names[from], names[to], world.LinkUp(from, to)));
                }
            }
        }

        var messages = world.InFlight
            .Select(f => new MessageSnapshot(f.Id, f.Message.Kind, names[f.Message.From], names[f.Message.To], f.SentAt, f.DeliverAt, f.Message.Decision, f.Message.State, f.Lost))
            .ToImmutableArray();

        var blocked = Enumerable.Range(1, participants)
            .Where(p => blocking?.BlockedSince(p) is not null && slots[p].Up)
            .Select(p => new BlockedNode(names[p], blocking!.BlockedSince(p)!.Value, Tick - blocking.BlockedSince(p)!.Value))
            .ToImmutableArray();
        var conflict = atomicity?.Conflict is { } c ? (names[c.Committed], names[c.Aborted]) : ((string, string)?)null;
        var verdicts = monitors.Select(m => new MonitorVerdict(m.Name, m.Holds)).ToImmutableArray();
        var judged = new MonitorSnapshot(Holds("atomicity"), Holds("validity"), violations.ToImmutableArray(), conflict, blocked) { Verdicts = verdicts };

        return new Snapshot(world.Tick, Events, finished, Scenario.Protocol, nodes.MoveToImmutable(), links.MoveToImmutable(), messages, partition, judged, finished ? Result().Outcome : null, finished ? StopMessage : null)
        {
            MessagesSent = sent,
            ForcedWrites = forcedWrites,
        };

        // A property this protocol does not check cannot have been broken.
        bool Holds(string property) => monitors.All(m => m.Name != property || m.Holds);
    }

    /// <summary>
    /// Puts message <paramref name="messageId"/> behind everything else due at its tick, without
    /// changing when it arrives: an explorer's choice of delivery order among simultaneous events.
    /// Nothing is traced; only the order of the queue changes.
    /// </summary>
    internal void Requeue(long messageId)
    {
        var slot = inFlight.Find(messageId);
        if (slot < 0)
        {
            throw new KeyNotFoundException($"message #{messageId} is not in flight");
        }

        ref var flight = ref inFlight[slot];
        flight.Version++;
        queue.Push(flight.DeliverAt, EventKind.Deliver, flight.Message.To, flight.Id, flight.Version, slot);
    }

    private static ImmutableArray<T> ImmutableCollectionsMarshal<T>(T[] items) =>
        System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(items);
}
