using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Monitors;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Protocols.PaxosCommit;
using CommitLab.Engine.Protocols.ThreePhase;
using CommitLab.Engine.Protocols.TwoPhase;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// Runs one scenario deterministically. It owns virtual time (integer ticks), the only PRNG, the event
/// queue, the network, the failure detector and the fault schedule; nodes only return effects. The
/// same scenario (configuration, seed, faults) always gives the same trace, byte for byte.
/// </summary>
/// <remarks>
/// Not thread-safe: one run belongs to one caller at a time. Everything a UI reads comes out as an
/// immutable <see cref="Snapshot"/> or from the <see cref="Trace"/>.
/// </remarks>
public sealed partial class Simulator : INodeView
{
    internal const string TransactionLock = "T1";

    /// <summary>The commit protocols' timer kinds come first (Vote..Prepare); the Tahoe models add Start, Backoff and Poll.</summary>
    private const int CommitTimerKinds = (int)TimerKind.Prepare + 1;
    private static readonly int AllTimerKinds = Enum.GetValues<TimerKind>().Length;

    private readonly ImmutableArray<string> names;
    private readonly Dictionary<string, int> index;
    private readonly int participants;
    private readonly int nodeCount;
    private readonly ProtocolRole[] roles;
    private readonly NodeContext[] contexts;
    private readonly NodeState?[] states;
    private readonly bool[] up;
    private readonly long[] frozenUntil;
    private readonly long[] busyUntil;

    /// <summary>A forced write just completed and the node's next effects wait as their own event.</summary>
    private readonly bool[] carryingOn;

    /// <summary>Per node, the effects waiting behind a forced write (part of the world state), or null.</summary>
    private readonly Effect[]?[] pending;
    private readonly long[] epoch;
    private readonly List<LogEntry>[] logs;
    private readonly List<LogRecordKind>[] logRecords;
    private readonly List<LockHold>[] locks;
    private readonly long[] timerGeneration;
    private readonly long[] timerDue;
    private readonly Phase[] phases;
    private readonly Outcome[] decisions;
    private readonly bool[] linkUp;
    private readonly Dictionary<long, InFlightMessage> inFlight = new();
    private readonly EventQueue queue = new();
    private readonly Prng prng;
    private readonly FailureDetector detector;
    private readonly Outbox outbox = new();
    private readonly Stack<Effect[]> effectBuffers = new();
    private readonly ImmutableArray<IMonitor> monitors;

    /// <summary>The Tahoe-LAFS section, for the Tahoe models' rules of when a run is over and how it is judged; null for 2PC and 3PC.</summary>
    private readonly Tahoe.TahoeSettings? tahoe;

    /// <summary>The magic-folder reader's index, or -1: its polls never stop, so they do not keep a run going.</summary>
    private readonly int reader = -1;

    /// <summary>Reused buffer for what a narrating role says changed (<see cref="ProtocolRole.Narrate"/>).</summary>
    private readonly List<Note> notes = new();

    /// <summary>
    /// Timer slots per node: only the kinds the run's protocol uses, so a 2PC/3PC world state holds
    /// (and hashes) four timers per node, not the Tahoe models' seven.
    /// </summary>
    private readonly int timerKinds;

    /// <summary>Per node, whether its role narrates its own changes: read once, so the commit protocols' steps skip the call.</summary>
    private readonly bool[] narrates;

    /// <summary>For the views only (a node's blocked time, the split pair); null when the protocol has no such monitor.</summary>
    private readonly BlockingMonitor? blocking;
    private readonly AtomicityMonitor? atomicity;
    private readonly List<string> violations = new();
    private readonly List<ResolvedTrigger> triggers = new();
    private readonly List<ScheduledFault> afterEventFaults;
    private readonly List<ScheduledFault> schedule;
    private ImmutableArray<ImmutableArray<string>> partition = ImmutableArray<ImmutableArray<string>>.Empty;
    private int nextAfterEventFault;
    private int pendingTickFaults;
    private int pendingTriggers;
    private long nextMessageId = 1;
    private int sent;
    private int delivered;
    private int dropped;
    private int forcedWrites;
    private bool finished;
    private RunResult? result;
    private long tick;

    private Simulator(Scenario scenario)
    {
        Scenario = scenario;
        names = scenario.NodeNames();
        nodeCount = names.Length;
        tahoe = scenario.Tahoe;
        participants = tahoe is null && scenario.Lunch is null ? scenario.Participants : 0;
        if (scenario.Protocol == ProtocolKind.TahoeMagicFolder)
        {
            reader = tahoe!.Reader;
        }

        index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodeCount; i++)
        {
            index[names[i]] = i;
        }

        Trace = new Trace(names);
        prng = new Prng(scenario.Seed);
        detector = new FailureDetector(scenario.FailureDetector, scenario.Timeouts.Detector, nodeCount);
        monitors = ProtocolMonitors.For(scenario, names, this);
        foreach (var monitor in monitors)
        {
            blocking ??= monitor as BlockingMonitor;
            atomicity ??= monitor as AtomicityMonitor;
        }

        roles = new ProtocolRole[nodeCount];
        narrates = new bool[nodeCount];
        contexts = new NodeContext[nodeCount];
        states = new NodeState?[nodeCount];
        up = new bool[nodeCount];
        frozenUntil = new long[nodeCount];
        busyUntil = new long[nodeCount];
        carryingOn = new bool[nodeCount];
        pending = new Effect[]?[nodeCount];
        epoch = new long[nodeCount];
        logs = new List<LogEntry>[nodeCount];
        logRecords = new List<LogRecordKind>[nodeCount];
        locks = new List<LockHold>[nodeCount];
        timerKinds = tahoe is null && scenario.Lunch is null ? CommitTimerKinds : AllTimerKinds;
        timerGeneration = new long[nodeCount * timerKinds];
        timerDue = new long[nodeCount * timerKinds];
        Array.Fill(timerDue, -1);
        phases = new Phase[nodeCount];
        decisions = new Outcome[nodeCount];
        linkUp = new bool[nodeCount * nodeCount];
        Array.Fill(linkUp, true);

        var participantIds = Enumerable.Range(1, participants).ToImmutableArray();
        var outcomeLog = scenario.OutcomeLog ? participants + 1 : -1;
        for (var i = 0; i < nodeCount; i++)
        {
            roles[i] = RoleOf(scenario.Protocol, i, outcomeLog, participants, tahoe);
            narrates[i] = roles[i].Narrates;
            contexts[i] = ContextOf(scenario, i, names, participantIds, outcomeLog, tahoe);
            up[i] = true;
            logs[i] = new List<LogEntry>();
            logRecords[i] = new List<LogRecordKind>();
            locks[i] = new List<LockHold>();
        }

        schedule = new List<ScheduledFault>(scenario.Faults);
        afterEventFaults = new List<ScheduledFault>();
        foreach (var fault in scenario.Faults)
        {
            switch (fault.When)
            {
                case FaultTiming.AtTick at:
                    queue.Push(at.Tick, EventKind.Fault, -1, payload: fault);
                    pendingTickFaults++;
                    break;
                case FaultTiming.AfterEvent:
                    afterEventFaults.Add(fault);
                    break;
                case FaultTiming.OnTrigger on:
                    triggers.Add(new ResolvedTrigger(fault, index[on.Trigger.Node], on.Trigger.Peer is { } peer ? index[peer] : -1));
                    pendingTriggers++;
                    break;
            }
        }

        // Stable sort: faults injected after the same event keep the order they were injected in.
        if (afterEventFaults.Count > 1)
        {
            afterEventFaults = afterEventFaults.OrderBy(f => ((FaultTiming.AfterEvent)f.When).Count).ToList();
        }

        for (var node = 0; node < nodeCount; node++)
        {
            BeginStep(node);
            EndStep(node, roles[node].Start(contexts[node], outbox));
        }

        ApplyDueAfterEventFaults();
    }

    /// <summary>The scenario this run was built from (its fault schedule as written, without later injections).</summary>
    public Scenario Scenario { get; }

    public Trace Trace { get; }

    /// <summary>Virtual time now. Asserted never to go back.</summary>
    public long Tick
    {
        get => tick;
        private set
        {
            EngineInvariantException.Check(value >= tick, "time must never go back; now, new", tick, value);
            tick = value;
        }
    }

    /// <summary>Simulator events processed so far (deliveries, timers, faults, write completions, ...).</summary>
    public long Events { get; private set; }

    /// <summary>True once nothing is in flight and every live node has decided, or the tick or event limit is reached.</summary>
    public bool Finished => finished;

    /// <summary>
    /// Set when the run stopped at its event limit (<see cref="Scenario.MaxEvents"/>) with work still
    /// queued: a sentence for the user saying so. Null for a run that ended by itself or at maxTicks.
    /// </summary>
    public string? StopMessage { get; private set; }

    public ImmutableArray<string> NodeNames => names;

    /// <summary>The monitors judging this run, as its protocol names them (<see cref="ProtocolMonitors"/>).</summary>
    public ImmutableArray<IMonitor> Monitors => monitors;

    /// <summary>Every fault of the run so far, scenario faults first, then those injected, in order.</summary>
    public IReadOnlyList<ScheduledFault> Schedule => schedule;

    /// <summary>Builds a run. Throws <see cref="ScenarioException"/> when the scenario breaks a rule or a bound.</summary>
    public static Simulator Create(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var problems = scenario.Validate();
        if (problems.Count > 0)
        {
            throw ScenarioException.FromProblems(problems);
        }

        return new Simulator(scenario);
    }

    /// <summary>The scenario plus every fault injected so far: running it again replays this run exactly.</summary>
    public Scenario Recorded() => Scenario with { Faults = schedule.ToImmutableArray() };

    /// <summary>Processes the next event. Returns false once the run has finished.</summary>
    public bool Step() => StepUntil(long.MaxValue);

    /// <summary>Processes every event up to and including <paramref name="tick"/>, then moves the clock there.</summary>
    public void RunUntil(long tick)
    {
        while (StepUntil(tick))
        {
        }

        if (!finished && tick > Tick)
        {
            Tick = Math.Min(tick, Scenario.MaxTicks);
        }
    }

    /// <summary>Processes events until <see cref="Events"/> reaches <paramref name="count"/> (or the run ends).</summary>
    public void RunUntilEvent(long count)
    {
        while (Events < count && Step())
        {
        }
    }

    /// <summary>Runs to the end and reports how it ended.</summary>
    public RunResult RunToEnd()
    {
        while (Step())
        {
        }

        return Result();
    }

    /// <summary>How the run ended (or stands, if it has not finished).</summary>
    public RunResult Result()
    {
        if (result is not null)
        {
            return result;
        }

        if (tahoe is not null)
        {
            return TahoeResult();
        }

        // Plain loops rather than LINQ: every finished run builds its result, and a short run is cheap enough for that to show.
        var blockedBuilder = ImmutableArray.CreateBuilder<string>();
        var live = new List<int>(participants);
        var anyUp = false;
        for (var p = 1; p <= participants; p++)
        {
            if (blocking?.IsUndecidedAfterYes(p) == true)
            {
                blockedBuilder.Add(names[p]);
            }

            anyUp |= up[p];
            // A participant that voted READ-ONLY has left the protocol: it has no outcome to agree on.
            if (up[p] && phases[p] != Phase.ReadOnly)
            {
                live.Add(p);
            }
        }

        var blocked = blockedBuilder.DrainToImmutable();
        if (live.Count == 0 && anyUp)
        {
            live.Add(0); // every live participant is read-only: the transaction's outcome is L's
        }

        RunOutcome outcome;
        if (violations.Count > 0)
        {
            outcome = RunOutcome.Violation;
        }
        else if (blocked.Length > 0)
        {
            outcome = RunOutcome.Blocked;
        }
        else if (live.Count > 0 && AllDecided(live, Outcome.Commit))
        {
            outcome = RunOutcome.Committed;
        }
        else if (live.Count > 0 && AllDecided(live, Outcome.Abort))
        {
            outcome = RunOutcome.Aborted;
        }
        else
        {
            outcome = RunOutcome.Undecided;
        }

        var decidedBuilder = ImmutableSortedDictionary.CreateBuilder<string, Outcome>(StringComparer.Ordinal);
        for (var i = 0; i <= participants; i++)
        {
            decidedBuilder[names[i]] = decisions[i];
        }

        var decided = decidedBuilder.ToImmutable();
        // Not blocked in the monitor's sense (they never voted), but their locks are held until someone tells them.
        var holdingBuilder = ImmutableArray.CreateBuilder<string>();
        for (var p = 1; p <= participants; p++)
        {
            if (up[p] && decisions[p] == Outcome.None && locks[p].Count > 0 && !blocked.Contains(names[p]))
            {
                holdingBuilder.Add(names[p]);
            }
        }

        var holding = holdingBuilder.DrainToImmutable();
        var run = new RunResult(outcome, decided, blocked, violations.ToImmutableArray(), new MessageCounts(sent, delivered, dropped), Tick, Events, Trace.Hash(), StopMessage)
        {
            ForcedWrites = forcedWrites,
            HoldingLocks = holding,
        };
        if (finished)
        {
            result = run;
        }

        return run;
    }

    private bool AllDecided(List<int> nodes, Outcome decision)
    {
        foreach (var node in nodes)
        {
            if (decisions[node] != decision)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What node <paramref name="node"/> knows of its run; the explorer builds its nodes with it too.</summary>
    internal static NodeContext ContextOf(Scenario scenario, int node, ImmutableArray<string> names, ImmutableArray<int> participantIds, int outcomeLog, Tahoe.TahoeSettings? tahoe = null) => new(
        node,
        Coordinator: 0,
        participantIds,
        outcomeLog,
        scenario.Timeouts,
        scenario.CooperativeTermination,
        VotesNo: scenario.NoVoters.Contains(names[node]),
        TransactionLock,
        scenario.Presume,
        ReadOnly: scenario.ReadOnly.Contains(names[node]),
        FirstAcceptor: scenario.Acceptors > 0 ? participantIds.Length + 1 : -1,
        AcceptorCount: scenario.Acceptors,
        scenario.Protocol,
        names,
        tahoe,
        scenario.Lunch);

    internal static ProtocolRole RoleOf(ProtocolKind protocol, int node, int outcomeLog, int participants, Tahoe.TahoeSettings? tahoe = null) => (protocol, node) switch
    {
        (_, _) when tahoe is not null => node < tahoe.Writers ? Tahoe.TahoeWriter.Instance : tahoe.IsServer(node) ? Tahoe.TahoeServer.Instance : Tahoe.TahoeReader.Instance,
        (_, _) when node == outcomeLog => OutcomeLogNode.Instance,
        (ProtocolKind.TwoGenerals, _) => TwoGenerals.LunchColleague.Instance,
        (ProtocolKind.PaxosCommit, 0) => PaxosCommitLeader.Instance,
        (ProtocolKind.PaxosCommit, _) when node > participants => PaxosAcceptor.Instance,
        (ProtocolKind.PaxosCommit, _) => PaxosCommitParticipant.Instance,
        (ProtocolKind.TwoPhase, 0) => TwoPhaseCoordinator.Instance,
        (ProtocolKind.TwoPhase, _) => TwoPhaseParticipant.Instance,
        (ProtocolKind.ThreePhase, 0) => ThreePhaseCoordinator.Instance,
        _ => ThreePhaseParticipant.Instance,
    };

    private int TimerSlot(int node, TimerKind timer) => (node * timerKinds) + (int)timer;

    private bool StepUntil(long limit)
    {
        while (!finished)
        {
            if (queue.Count == 0)
            {
                Finish();
                return false;
            }

            var next = queue.Peek();
            if (next.Tick > Scenario.MaxTicks)
            {
                Tick = Scenario.MaxTicks;
                Finish();
                return false;
            }

            if (next.Tick > limit)
            {
                return false;
            }

            // Checked on the next real event, so a run that settles on its last allowed event ends
            // normally, and stale timers left in the queue do not count as work still to do.
            if (Events >= Scenario.MaxEvents && !IsStale(next))
            {
                StopAtEventLimit();
                return false;
            }

            queue.Pop();
            if (IsStale(next) || Defer(next))
            {
                continue;
            }

            Tick = Math.Max(Tick, next.Tick);
            Events++;
            Process(next);
            ApplyDueAfterEventFaults();
            if (IsQuiescent())
            {
                Finish();
            }

            return true;
        }

        return false;
    }

    private bool IsStale(in ScheduledEvent e) => e.Kind switch
    {
        EventKind.Deliver => !inFlight.TryGetValue(e.A, out var m) || m.Version != e.B,
        EventKind.Timer => timerGeneration[TimerSlot(e.Node, (TimerKind)e.A)] != e.B,
        EventKind.Continue or EventKind.Notify => epoch[e.Node] != e.A,
        _ => false,
    };

    /// <summary>A frozen node, or one in the middle of a forced write, handles nothing until it is free again.</summary>
    private bool Defer(in ScheduledEvent e)
    {
        if (e.Kind is not (EventKind.Deliver or EventKind.Timer or EventKind.Notify))
        {
            return false;
        }

        var node = e.Kind == EventKind.Deliver ? inFlight[e.A].Message.To : e.Node;
        if (!up[node])
        {
            return false;
        }

        var free = Math.Max(frozenUntil[node], busyUntil[node]);
        if (free <= e.Tick && !carryingOn[node])
        {
            return false;
        }

        // Busy carrying on after a write: wait behind that event, at the same tick.
        free = Math.Max(free, e.Tick);

        if (e.Kind == EventKind.Deliver)
        {
            inFlight[e.A].DeliverAt = free;
        }
        else if (e.Kind == EventKind.Timer)
        {
            timerDue[TimerSlot(node, (TimerKind)e.A)] = free;
        }

        queue.Push(free, e.Kind, e.Node, e.A, e.B, e.Payload);
        return true;
    }

    private void Process(in ScheduledEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.Deliver:
                Deliver(inFlight[e.A]);
                break;
            case EventKind.Timer:
                FireTimer(e.Node, (TimerKind)e.A);
                break;
            case EventKind.Continue when e.B == 0:
                busyUntil[e.Node] = 0;
                pending[e.Node] = null;
                CompleteWrite(e.Node, (Effect[])e.Payload!);
                break;
            case EventKind.Continue:
                carryingOn[e.Node] = false;
                pending[e.Node] = null;
                ApplyEffects(e.Node, (Effect[])e.Payload!);
                break;
            case EventKind.Fault:
                pendingTickFaults--;
                var fault = (ScheduledFault)e.Payload!;
                ApplyFault(fault.Do, $"at t={((FaultTiming.AtTick)fault.When).Tick}", null);
                break;
            case EventKind.DetectorCheck:
                ConfirmSuspicion(e.Node, (int)e.A, e.B);
                break;
            case EventKind.Notify:
                var node = e.Node;
                BeginStep(node);
                EndStep(node, roles[node].OnSuspicion(contexts[node], states[node]!, detector.Suspected[node], outbox));
                break;
            case EventKind.Unfreeze:
                Unfreeze(e.Node);
                break;
        }
    }

    private void Deliver(InFlightMessage flight)
    {
        inFlight.Remove(flight.Id);
        var m = flight.Message;
        if (flight.Lost || !up[m.To])
        {
            dropped++;
            Record(new TraceEvent(0, Tick, Events, TraceKind.Drop, m.To, m.From, flight.Id, m.Kind, m.Decision, m.State, Slot: m.Slot,
                Reason: flight.Lost ? DropReason.Loss : DropReason.ReceiverDown));
            return;
        }

        delivered++;
        Record(new TraceEvent(0, Tick, Events, TraceKind.Deliver, m.To, m.From, flight.Id, m.Kind, m.Decision, m.State, Slot: m.Slot, Text: m.Body?.Label));
        var before = epoch[m.To];
        CheckTriggers(TriggerKind.Receives, m.To, m.From, m.Kind, default, default, flight.Id);
        if (!up[m.To] || epoch[m.To] != before)
        {
            return; // the trigger crashed the receiver before it could act on the message
        }

        var to = m.To;
        BeginStep(to);
        EndStep(to, roles[to].OnMessage(contexts[to], states[to]!, m, detector.Suspected[to], outbox));
    }

    private void FireTimer(int node, TimerKind timer)
    {
        var slot = TimerSlot(node, timer);
        timerDue[slot] = -1;
        timerGeneration[slot]++;
        Record(new TraceEvent(0, Tick, Events, TraceKind.TimerFired, node, Timer: timer));
        BeginStep(node);
        EndStep(node, roles[node].OnTimer(contexts[node], states[node]!, timer, detector.Suspected[node], outbox));
    }

    /// <summary>Readies the shared outbox for one handler call (call the handler between this and <see cref="EndStep"/>).</summary>
    private void BeginStep(int node)
    {
        outbox.Clear();
        outbox.Self = node;
    }

    /// <summary>Stores the handler's new state and carries out the effects it asked for.</summary>
    private void EndStep(int node, NodeState next)
    {
        // The new state is stored before it is narrated, so that a monitor reading the nodes (Tahoe's
        // lost update, servers agree) judges the state the narrated event says the node is now in.
        var before = narrates[node] ? states[node] ?? roles[node].Durable(contexts[node], LastCheckpoint(node))! : null;
        states[node] = next;
        if (before is not null)
        {
            Narrate(node, before, next);
        }

        if (outbox.Effects.Count == 0)
        {
            return;
        }

        // Copy: applying effects can fire triggers that run other handlers, which reuse the outbox.
        // The copy goes into a reused buffer (a stack of them, as triggers nest), not a new array per step.
        var count = outbox.Effects.Count;
        var effects = effectBuffers.Count > 0 ? effectBuffers.Pop() : new Effect[16];
        if (effects.Length < count)
        {
            effects = new Effect[Math.Max(count, effects.Length * 2)];
        }

        outbox.Effects.CopyTo(effects);
        ApplyEffects(node, effects.AsSpan(0, count));
        effectBuffers.Push(effects);
    }

    /// <summary>
    /// Carries out effects in order. A forced log write takes time: the node is busy until it is
    /// durable, and everything after it (typically the message it must not send before) waits.
    /// A crash part-way (a trigger may cause one) cancels what is left.
    /// </summary>
    private void ApplyEffects(int node, ReadOnlySpan<Effect> effects)
    {
        var startEpoch = epoch[node];
        for (var i = 0; i < effects.Length; i++)
        {
            if (!up[node] || epoch[node] != startEpoch)
            {
                return;
            }

            var e = effects[i];
            if (e.Kind == EffectKind.Append && e.Forced && Scenario.ForcedWriteTicks > 0)
            {
                busyUntil[node] = Tick + Scenario.ForcedWriteTicks;
                pending[node] = effects[i..].ToArray();
                queue.Push(busyUntil[node], EventKind.Continue, node, epoch[node], payload: pending[node]);
                return;
            }

            Apply(node, e);
        }
    }

    /// <summary>
    /// A forced write becomes durable. What the node does next is a separate event at the same tick,
    /// so a run can be stopped (or a node crashed) exactly between "L logs commit" and "L sends commit":
    /// the moment the lecture's recovery rules are about.
    /// </summary>
    private void CompleteWrite(int node, Effect[] effects)
    {
        var startEpoch = epoch[node];
        Apply(node, effects[0]);
        if (effects.Length > 1 && up[node] && epoch[node] == startEpoch)
        {
            carryingOn[node] = true;
            pending[node] = effects[1..];
            queue.Push(Tick, EventKind.Continue, node, epoch[node], 1, pending[node]);
        }
    }

    private void Apply(int node, in Effect e)
    {
        switch (e.Kind)
        {
            case EffectKind.Send:
                Send(e.Message);
                break;
            case EffectKind.SetTimer:
                var slot = TimerSlot(node, e.Timer);
                var gen = ++timerGeneration[slot];
                // Drawn only for a timer with a jitter (a Tahoe writer's backoff), so other runs draw nothing here.
                var delay = e.Jitter > 0 ? prng.NextInclusive(e.Delay, (long)e.Delay + e.Jitter) : e.Delay;
                timerDue[slot] = Tick + delay;
                queue.Push(Tick + delay, EventKind.Timer, node, (long)e.Timer, gen);
                break;
            case EffectKind.CancelTimer:
                var cancel = TimerSlot(node, e.Timer);
                timerGeneration[cancel]++;
                timerDue[cancel] = -1;
                break;
            case EffectKind.Append:
                // The durable log only grows, in time order, and its two views stay the same length.
                EngineInvariantException.Check(logs[node].Count == logRecords[node].Count, "a node's log entries and records must match; entries, records", logs[node].Count, logRecords[node].Count);
                EngineInvariantException.Check(logs[node].Count == 0 || logs[node][^1].Tick <= Tick, "a durable log must grow in time order; last write, now", logs[node].Count == 0 ? 0 : logs[node][^1].Tick, Tick);
                logs[node].Add(new LogEntry(e.Record, e.Forced, Tick, e.Saved));
                forcedWrites += e.Forced ? 1 : 0;
                logRecords[node].Add(e.Record);
                // Only a checkpoint record is told in its own words; a protocol record that also saves state
                // (a Paxos acceptor's) reads as the record it is.
                Record(new TraceEvent(0, Tick, Events, TraceKind.LogAppend, node, Record: e.Record, Forced: e.Forced, Text: e.Record == LogRecordKind.Checkpoint ? e.Saved?.Text : null));
                CheckTriggers(TriggerKind.Logs, node, -1, default, e.Record, default, 0);
                break;
            case EffectKind.Decide:
                EngineInvariantException.Check(
                    decisions[node] == Outcome.None || decisions[node] == e.Decision,
                    "a decided node must never change its decision; node, new decision", node, (long)e.Decision);
                decisions[node] = e.Decision;
                phases[node] = e.Decision == Outcome.Commit ? Phase.Committed : Phase.Aborted;
                Record(new TraceEvent(0, Tick, Events, TraceKind.Decision, node, Decision: e.Decision));
                CheckTriggers(TriggerKind.Enters, node, -1, default, default, phases[node], 0);
                break;
            case EffectKind.Enter when e.State is Phase.Committed or Phase.Aborted && decisions[node] == Outcome.None && node <= participants:
                // A decision that became durable but was never announced (a crash came between the
                // log write and the rest): recovery finds it in the log, and that is when it counts.
                Apply(node, new Effect(EffectKind.Decide, Decision: e.State == Phase.Committed ? Outcome.Commit : Outcome.Abort));
                break;
            case EffectKind.Enter:
                phases[node] = e.State;
                Record(new TraceEvent(0, Tick, Events, TraceKind.StateChange, node, State: e.State));
                CheckTriggers(TriggerKind.Enters, node, -1, default, default, e.State, 0);
                break;
            case EffectKind.Acquire:
                locks[node].Add(new LockHold(e.Resource!, Tick));
                Record(new TraceEvent(0, Tick, Events, TraceKind.LockAcquired, node, Text: e.Resource));
                break;
            case EffectKind.ReleaseAll:
                foreach (var held in locks[node])
                {
                    Record(new TraceEvent(0, Tick, Events, TraceKind.LockReleased, node, Text: held.Resource));
                }

                locks[node].Clear();
                break;
        }
    }

    private void Send(in Message m)
    {
        var id = nextMessageId++;
        sent++;
        if (!linkUp[(m.From * nodeCount) + m.To])
        {
            Record(new TraceEvent(0, Tick, Events, TraceKind.Send, m.From, m.To, id, m.Kind, m.Decision, m.State, Value: Tick, Slot: m.Slot, Text: m.Body?.Label));
            dropped++;
            Record(new TraceEvent(0, Tick, Events, TraceKind.Drop, m.To, m.From, id, m.Kind, m.Decision, m.State, Slot: m.Slot, Reason: DropReason.LinkCut));
            CheckTriggers(TriggerKind.Sends, m.From, m.To, m.Kind, default, default, id);
            return;
        }

        var network = Scenario.Network;
        var latency = prng.NextInclusive(network.LatencyMin, network.LatencyMax);
        var lost = network.Loss > 0 && prng.NextDouble() < network.Loss;
        var flight = new InFlightMessage(id, m, Tick, Tick + latency, lost);
        inFlight.Add(id, flight);
        queue.Push(flight.DeliverAt, EventKind.Deliver, m.To, id, 0);
        Record(new TraceEvent(0, Tick, Events, TraceKind.Send, m.From, m.To, id, m.Kind, m.Decision, m.State, Value: flight.DeliverAt, Slot: m.Slot, Text: m.Body?.Label));
        CheckTriggers(TriggerKind.Sends, m.From, m.To, m.Kind, default, default, id);
    }

    /// <summary>Appends to the trace and lets every monitor judge the event.</summary>
    private void Record(in TraceEvent e)
    {
        var recorded = Trace.Add(e);
        foreach (var monitor in monitors)
        {
            if (monitor.Observe(recorded) is { } violation)
            {
                AddViolation(violation);
            }
        }
    }

    private void AddViolation(string text)
    {
        violations.Add(text);
        Trace.Add(new TraceEvent(0, Tick, Events, TraceKind.Violation, Text: text));
    }

    private void CheckTriggers(TriggerKind kind, int node, int peer, MessageKind message, LogRecordKind record, Phase state, long messageId)
    {
        if (pendingTriggers == 0)
        {
            return;
        }

        // Index loop: a fired fault may cause events that match later triggers, never new triggers.
        for (var i = 0; i < triggers.Count; i++)
        {
            var t = triggers[i];
            if (!t.Matches(kind, node, peer, message, record, state))
            {
                continue;
            }

            t.Fired = true;
            pendingTriggers--;
            ApplyFault(t.Fault.Do, $"when {t.Trigger.ToText()}", kind == TriggerKind.Sends ? messageId : null);
        }
    }

    private void ApplyDueAfterEventFaults()
    {
        while (nextAfterEventFault < afterEventFaults.Count)
        {
            var fault = afterEventFaults[nextAfterEventFault];
            var timing = (FaultTiming.AfterEvent)fault.When;
            if (timing.Count > Events)
            {
                return;
            }

            nextAfterEventFault++;
            if (timing.Tick is { } at && at > Tick)
            {
                Tick = Math.Min(at, Scenario.MaxTicks);
            }

            ApplyFault(fault.Do, InjectedOrigin(timing.Count), null);
        }
    }

    /// <summary>Live injection and its replay must write the same trace line, or replays would not match.</summary>
    private static string InjectedOrigin(long afterEvent) => $"injected after event {afterEvent}";

    private bool IsQuiescent()
    {
        if (tahoe is not null)
        {
            return TahoeSettled();
        }

        if (inFlight.Count > 0 || pendingTickFaults > 0 || nextAfterEventFault < afterEventFaults.Count)
        {
            return false;
        }

        for (var i = 0; i < nodeCount; i++)
        {
            if (up[i] && (busyUntil[i] > Tick || carryingOn[i]))
            {
                return false;
            }
        }

        for (var i = 0; i <= participants; i++)
        {
            if (up[i] && decisions[i] == Outcome.None && phases[i] != Phase.ReadOnly)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The event bound: the run ends here and says why, and its outcome is judged as it stands.</summary>
    private void StopAtEventLimit()
    {
        StopMessage = EventLimitMessage(Scenario.MaxEvents, Tick);
        Finish();
    }

    /// <summary>What a run that hit its event limit tells the user (the Lab, the CLI, lessons and rooms all show this).</summary>
    public static string EventLimitMessage(long maxEvents, long tick) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"The run stopped after {maxEvents:N0} events (its limit, maxEvents) at t={tick}, before it settled: timers and resends kept it busy. The outcome is judged as things stood then.");

    private void Finish()
    {
        finished = true;
        result = null;
        result = Result();
    }
}
