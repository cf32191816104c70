using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Simulation;

/// <summary>Faults: the closed set of things that can go wrong, applied to the running simulation.</summary>
public sealed partial class Simulator
{
    /// <summary>
    /// Why <paramref name="action"/> cannot be injected now, in words for the user, or null when it
    /// can: an unknown node, a message no longer in flight, or a run that has all the faults it may take.
    /// </summary>
    public string? Refusal(FaultAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        // Checked first: with an id, a drop or delay needs no "sends" trigger, so the shared checks
        // below apply to injected faults as they are.
        var messageId = MessageIdOf(action);
        if (action is FaultAction.Drop or FaultAction.Delay && (messageId is null || inFlight.Find(messageId.Value) < 0))
        {
            return messageId is null ? "say which message: drop #ID or delay #ID T" : $"message #{messageId} is not in flight (it arrived or was lost already)";
        }

        var fault = new ScheduledFault(new FaultTiming.AfterEvent(Events, Tick), action);
        if (FaultChecks.Problems(fault, names.ToHashSet(StringComparer.Ordinal)).FirstOrDefault() is { } problem)
        {
            return problem;
        }

        return schedule.Count >= Scenarios.Scenario.MaxFaults ? MaxFaultsMessage : null;
    }

    /// <summary>What a run that already holds <see cref="Scenarios.Scenario.MaxFaults"/> faults says to one more.</summary>
    public static string MaxFaultsMessage { get; } = string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"This run already has {Scenarios.Scenario.MaxFaults:N0} faults, the most a run can take: scrub back and branch from an earlier moment, or start over, to add another.");

    /// <summary>
    /// Injects a fault now (a click in the Lab, an instructor's console). It goes through the same code
    /// as scheduled faults and is recorded in <see cref="Schedule"/> after the current event, so the run
    /// can be replayed exactly. Throws <see cref="ArgumentException"/>, with <see cref="Refusal"/>'s
    /// message, for a fault that cannot be injected; nothing changes then.
    /// </summary>
    public void Inject(FaultAction action)
    {
        if (Refusal(action) is { } refusal)
        {
            throw new ArgumentException(refusal);
        }

        var messageId = MessageIdOf(action);
        var fault = new ScheduledFault(new FaultTiming.AfterEvent(Events, Tick), action);
        schedule.Add(fault);
        finished = false;
        result = null;
        StopMessage = null; // judged again: the next step stops at once if the run is still at its event limit
        ApplyFault(action, InjectedOrigin(Events), messageId);
        if (IsQuiescent())
        {
            Finish();
        }
    }

    private static long? MessageIdOf(FaultAction action) => action switch
    {
        FaultAction.Drop d => d.MessageId,
        FaultAction.Delay d => d.MessageId,
        _ => null,
    };

    private void ApplyFault(FaultAction action, string origin, long? messageId)
    {
        Record(new TraceEvent(0, Tick, Events, TraceKind.Fault, Text: $"{action.ToText()} ({origin})"));
        switch (action)
        {
            case FaultAction.Crash a:
                Crash(index[a.Node]);
                break;
            case FaultAction.Recover a:
                Recover(index[a.Node]);
                break;
            case FaultAction.Freeze a:
                Freeze(index[a.Node], a.Ticks);
                break;
            case FaultAction.Cut a:
                SetLink(index[a.From], index[a.To], false);
                if (a.BothWays)
                {
                    SetLink(index[a.To], index[a.From], false);
                }

                break;
            case FaultAction.Heal a:
                SetLink(index[a.From], index[a.To], true);
                if (a.BothWays)
                {
                    SetLink(index[a.To], index[a.From], true);
                }

                break;
            case FaultAction.Partition a:
                ApplyPartition(a);
                break;
            case FaultAction.HealAll:
                partition = ImmutableArray<ImmutableArray<string>>.Empty;
                Record(new TraceEvent(0, Tick, Events, TraceKind.HealAll));
                for (var from = 0; from < nodeCount; from++)
                {
                    for (var to = 0; to < nodeCount; to++)
                    {
                        if (from != to)
                        {
                            SetLink(from, to, true, trace: false);
                        }
                    }
                }

                break;
            case FaultAction.Drop a:
                DropMessage(a.MessageId ?? messageId);
                break;
            case FaultAction.Delay a:
                DelayMessage(a.MessageId ?? messageId, a.Ticks);
                break;
            case FaultAction.VoteNo a:
                var voter = index[a.Node];
                if (contextsShared)
                {
                    contexts = (NodeContext[])contexts.Clone();
                    contextsShared = false;
                }

                contexts[voter] = contexts[voter] with { VotesNo = true };
                Record(new TraceEvent(0, Tick, Events, TraceKind.VoteNo, voter));
                break;
        }
    }

    private void Crash(int node)
    {
        if (!slots[node].Up)
        {
            return;
        }

        var durable = slots[node].Log.Count;

        // Taken before the state is dropped: the narration below compares it with what survives.
        var lost = slots[node].State;
        slots[node].Up = false;
        slots[node].Epoch++;
        slots[node].BusyUntil = 0;
        slots[node].CarryingOn = false;
        slots[node].Pending = -1;
        slots[node].FrozenUntil = 0;
        slots[node].State = null;
        for (var t = 0; t < timerKinds; t++)
        {
            timerGeneration[(node * timerKinds) + t]++;
            timerDue[(node * timerKinds) + t] = -1;
        }

        // Locks live in memory: a crashed node holds none (recovery takes them back from the log).
        slots[node].Locks.Clear();
        prints?[node].LocksReleased();
        EngineInvariantException.Check(slots[node].Log.Count == durable, "a crash must not touch the durable log; before, after", durable, slots[node].Log.Count);
        Record(new TraceEvent(0, Tick, Events, TraceKind.Crash, node));
        if (narrates[node] && lost is not null)
        {
            // What a crashed node shows is what it can recover, so the trace says what the crash undid
            // (a write that was not yet durable).
            Narrate(node, lost, roles[node].Durable(contexts[node], LastCheckpoint(node))!);
        }

        RefreshDetector(target: node);
    }

    private void Recover(int node)
    {
        if (slots[node].Up)
        {
            return;
        }

        slots[node].Up = true;
        slots[node].Epoch++;
        Record(new TraceEvent(0, Tick, Events, TraceKind.Recover, node));
        BeginStep(node);
        if (roles[node].Checkpoints)
        {
            EndStep(node, roles[node].OnRecover(contexts[node], LastCheckpoint(node), detector.Suspected[node], outbox));
        }
        else
        {
            EndStep(node, roles[node].OnRecover(contexts[node], slots[node].LogRecords(), detector.Suspected[node], outbox));
        }

        RefreshDetector(target: node);
    }

    private void Freeze(int node, int ticks)
    {
        if (!slots[node].Up)
        {
            return;
        }

        slots[node].FrozenUntil = Math.Max(slots[node].FrozenUntil, Tick + ticks);
        Record(new TraceEvent(0, Tick, Events, TraceKind.Freeze, node, Value: slots[node].FrozenUntil));
        queue.Push(slots[node].FrozenUntil, EventKind.Unfreeze, node);
        RefreshDetector(target: node);
    }

    private void Unfreeze(int node)
    {
        if (!slots[node].Up || slots[node].FrozenUntil != Tick)
        {
            return; // crashed meanwhile, or frozen again for longer
        }

        slots[node].FrozenUntil = 0;
        Record(new TraceEvent(0, Tick, Events, TraceKind.Unfreeze, node));
        RefreshDetector(target: node);
    }

    private void SetLink(int from, int to, bool isUp, bool trace = true)
    {
        var slot = (from * nodeCount) + to;
        if (linkUp[slot] == isUp)
        {
            return;
        }

        linkUp[slot] = isUp;
        if (trace)
        {
            Record(new TraceEvent(0, Tick, Events, isUp ? TraceKind.Heal : TraceKind.Cut, from, to));
        }

        if (!isUp)
        {
            // Cutting a link loses whatever is on it.
            // In id order, which is the order they were sent in.
            var onLink = new List<(long Id, int Slot)>();
            for (var s = 0; s < inFlight.Extent; s++)
            {
                if (inFlight[s].Id != 0 && inFlight[s].Message.From == from && inFlight[s].Message.To == to)
                {
                    onLink.Add((inFlight[s].Id, s));
                }
            }

            onLink.Sort();
            foreach (var (id, s) in onLink)
            {
                var m = inFlight[s].Message;
                inFlight.Remove(s);
                dropped++;
                Record(new TraceEvent(0, Tick, Events, TraceKind.Drop, to, from, id, m.Kind, m.Decision, m.State, Slot: m.Slot, Reason: DropReason.LinkCut));
            }
        }

        UpdateDetector(observer: to, target: from);
    }

    private void ApplyPartition(FaultAction.Partition p)
    {
        var group = new int[nodeCount];
        Array.Fill(group, -1);
        for (var g = 0; g < p.Groups.Length; g++)
        {
            foreach (var name in p.Groups[g])
            {
                group[index[name]] = g;
            }
        }

        partition = p.Groups;
        Record(new TraceEvent(0, Tick, Events, TraceKind.Partition, Text: string.Join(" | ", p.Groups.Select(g => string.Join(",", g)))));
        for (var from = 0; from < nodeCount; from++)
        {
            for (var to = 0; to < nodeCount; to++)
            {
                if (group[from] >= 0 && group[to] >= 0 && group[from] != group[to])
                {
                    SetLink(from, to, false, trace: false);
                }
            }
        }
    }

    private void DropMessage(long? id)
    {
        var slot = id is null ? -1 : inFlight.Find(id.Value);
        if (slot < 0)
        {
            return;
        }

        var m = inFlight[slot].Message;
        inFlight.Remove(slot);
        dropped++;
        Record(new TraceEvent(0, Tick, Events, TraceKind.Drop, m.To, m.From, id!.Value, m.Kind, m.Decision, m.State, Slot: m.Slot, Reason: DropReason.Injected));
    }

    private void DelayMessage(long? id, int ticks)
    {
        var slot = id is null ? -1 : inFlight.Find(id.Value);
        if (slot < 0)
        {
            return;
        }

        ref var flight = ref inFlight[slot];
        flight.DeliverAt += ticks;
        flight.Version++;
        queue.Push(flight.DeliverAt, EventKind.Deliver, flight.Message.To, flight.Id, flight.Version, slot);
        var m = flight.Message;
        Record(new TraceEvent(0, Tick, Events, TraceKind.Delay, m.To, m.From, flight.Id, m.Kind, m.Decision, m.State, Slot: m.Slot, Value: flight.DeliverAt, Text: ticks.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Re-evaluates how <paramref name="target"/> looks to every other node.</summary>
    private void RefreshDetector(int target)
    {
        for (var observer = 0; observer < nodeCount; observer++)
        {
            if (observer != target)
            {
                UpdateDetector(observer, target);
            }
        }
    }

    private void UpdateDetector(int observer, int target)
    {
        if (tahoe is not null)
        {
            return; // the Tahoe-LAFS nodes use no failure detector: writers resend until answered
        }

        var dead = !slots[target].Up || (detector.Kind == Protocols.DetectorKind.Timeout &&
            (slots[target].FrozenUntil > Tick || !linkUp[(target * nodeCount) + observer]));
        switch (detector.Update(observer, target, dead))
        {
            case 1:
                queue.Push(Tick + detector.Delay, EventKind.DetectorCheck, observer, detector.Generation(observer, target), target);
                break;
            case -1:
                if (slots[observer].Up)
                {
                    Record(new TraceEvent(0, Tick, Events, TraceKind.Unsuspect, observer, target));
                    queue.Push(Tick, EventKind.Notify, observer, slots[observer].Epoch);
                }

                break;
        }
    }

    private void ConfirmSuspicion(int observer, int target, long generation)
    {
        if (!detector.Confirm(observer, target, generation) || !slots[observer].Up)
        {
            return;
        }

        Record(new TraceEvent(0, Tick, Events, TraceKind.Suspect, observer, target));
        queue.Push(Tick, EventKind.Notify, observer, slots[observer].Epoch);
    }
}
