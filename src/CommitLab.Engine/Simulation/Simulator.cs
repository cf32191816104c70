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
    private static readonly TraceKind[] AllTraceKinds = Enum.GetValues<TraceKind>();

    private readonly ImmutableArray<string> names;
    private readonly Dictionary<string, int> index;
    private readonly int participants;
    private readonly int nodeCount;
    private readonly ProtocolRole[] roles;
    private readonly RunSetup setup;

    /// <summary>Shared with other runs of the same scenario (<see cref="RunSetup"/>) until a fault changes one; then this run's own copy.</summary>
    private NodeContext[] contexts;
    private bool contextsShared = true;

    /// <summary>Per node, its part of the run (<see cref="NodeSlot"/>): one array rather than a dozen parallel ones.</summary>
    private readonly NodeSlot[] slots;
    private readonly long[] timerGeneration;
    private readonly long[] timerDue;
    private readonly bool[] linkUp;
    private readonly InFlightTable inFlight;
    private readonly EventQueue queue;
    private readonly Prng prng;
    private readonly FailureDetector detector;
    /// <summary>
    /// One outbox per thread, shared by every run on it: the outbox is used as a stack (see
    /// <see cref="BeginStep"/>) and is empty again after every step, so runs cannot see each other's
    /// effects, and a short run does not pay for its own. Read per use, because a run may be stepped
    /// from different threads over its life (never from two at once).
    /// </summary>
    [ThreadStatic]
    private static Outbox? threadOutbox;

    /// <summary>Arrays for parked effects, per thread and shared by its runs like the outbox, so a run's forced writes allocate nothing once a thread has run one.</summary>
    [ThreadStatic]
    private static Stack<Effect[]>? threadEffectPool;

    /// <summary>
    /// True for a run <see cref="Run"/> built from the one before: such a run never leaves its thread,
    /// so each parked slot keeps its array from write to write (and from run to run) instead of taking
    /// one from the thread's pool and giving it back, which spares every forced write a thread-static
    /// look-up and two stores of a reference. False for a run of its own, which uses the thread's pool.
    /// </summary>
    private readonly bool slotsKeepArrays;

    /// <summary>
    /// Likewise the outbox of a run <see cref="Run"/> built from the one before, kept with the run so
    /// that a step does not look up the thread's (a thread-static read on every outermost step). Null
    /// for a run of its own, which uses the thread's.
    /// </summary>
    private readonly Outbox? ownOutbox;

    /// <summary>The outbox of the thread running the current step (set when a step begins).</summary>
    private Outbox outbox = null!;
    /// <summary>Where each nested handler call's effects start in the outbox (<see cref="BeginStep"/>).</summary>
    private int[] stepMarks;
    private int stepDepth;

    /// <summary>Effects a queued continue event will carry out, by the slot the event names (<see cref="Park"/>); slots from 0 to <see cref="parkedUsed"/> have been used.</summary>
    private ParkedEffects[] parked;
    private int parkedUsed;

    /// <summary>Slots below <see cref="parkedUsed"/> that are free again, as a stack of <see cref="parkedFreeCount"/>.</summary>
    private int[] parkedFree;
    private int parkedFreeCount;

    private readonly ImmutableArray<IMonitor> monitors;

    /// <summary>Per monitor, a bit per <see cref="TraceKind"/> it watches; and all of them together.</summary>
    private readonly ulong[] monitorKinds;
    private readonly ulong watchedKinds;

    /// <summary>The Tahoe-LAFS section, for the Tahoe models' rules of when a run is over and how it is judged; null for 2PC and 3PC.</summary>
    private readonly Tahoe.TahoeSettings? tahoe;

    /// <summary>The magic-folder reader's index, or -1: its polls never stop, so they do not keep a run going.</summary>
    private readonly int reader = -1;

    /// <summary>Reused buffer for what a narrating role says changed (<see cref="ProtocolRole.Narrate"/>).</summary>
    private readonly List<Note> notes;

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
    private readonly List<string> violations;
    private readonly List<ResolvedTrigger> triggers;
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

    /// <param name="recycled">
    /// A finished run that nobody can reach any more (<see cref="Run"/>'s own, from the run before on
    /// this thread): its arrays, lists, queue, message slots and trace storage are emptied and reused
    /// where their sizes fit, so a thread running many short runs stops paying to allocate and clear
    /// them. Null for a run of its own (<see cref="Create"/>).
    /// </param>
    private Simulator(Scenario scenario, Simulator? recycled = null)
    {
        Scenario = scenario;
        tahoe = scenario.Tahoe;
        participants = CommitParticipants(scenario);
        timerKinds = tahoe is null && scenario.Lunch is null ? CommitTimerKinds : AllTimerKinds;
        setup = RunSetup.For(scenario, participants);
        names = setup.Names;
        index = setup.Index;
        roles = setup.Roles;
        narrates = setup.Narrates;
        contexts = setup.Contexts;
        nodeCount = names.Length;
        if (scenario.Protocol == ProtocolKind.TahoeMagicFolder)
        {
            reader = tahoe!.Reader;
        }

        // Sized from the nodes, so the first round neither grows the queue nor the message slots.
        if (recycled is not null)
        {
            queue = recycled.queue;
            queue.Reset();
            inFlight = recycled.inFlight;
            inFlight.Reset();
            Trace = Trace.Recycle(names, recycled.Trace);
        }
        else
        {
            queue = new EventQueue(2 * nodeCount + 4);
            inFlight = new InFlightTable(nodeCount + 2);
            Trace = new Trace(names);
        }

        if (recycled is not null)
        {
            prng = recycled.prng;
            prng.Reseed(scenario.Seed);
        }
        else
        {
            prng = new Prng(scenario.Seed);
        }

        detector = new FailureDetector(scenario.FailureDetector, scenario.Timeouts.Detector, nodeCount, recycled?.detector);
        // A run of the same scenario as the one before gets the same monitors, so that run's are
        // emptied and kept (nobody can read them any more) rather than built again.
        monitors = recycled is not null && recycled.setup == setup && ProtocolMonitors.TryReset(recycled.monitors)
            ? recycled.monitors
            : ProtocolMonitors.For(scenario, names, this);
        monitorKinds = setup.MonitorKinds(monitors, AllTraceKinds);
        for (var m = 0; m < monitors.Length; m++)
        {
            blocking ??= monitors[m] as BlockingMonitor;
            atomicity ??= monitors[m] as AtomicityMonitor;
            watchedKinds |= monitorKinds[m];
        }

        var same = recycled is not null && recycled.nodeCount == nodeCount && recycled.timerKinds == timerKinds;
        slots = same ? recycled!.slots : new NodeSlot[nodeCount];
        for (var i = 0; i < nodeCount; i++)
        {
            slots[i].Reset();
        }

        timerGeneration = Cleared(same ? recycled!.timerGeneration : null, nodeCount * timerKinds);
        timerDue = Cleared(same ? recycled!.timerDue : null, nodeCount * timerKinds);
        Array.Fill(timerDue, -1);
        linkUp = Cleared(same ? recycled!.linkUp : null, nodeCount * nodeCount);
        Array.Fill(linkUp, true);

        if (recycled is not null)
        {
            // Emptied, each slot keeping its array (the old run's effects left in them are never read:
            // a slot is read only between the Park that fills it and the Unpark that frees it).
            parked = recycled.parked;
            slotsKeepArrays = true;
            ownOutbox = recycled.ownOutbox ?? new Outbox();
            parkedFree = recycled.parkedFree;
            stepMarks = recycled.stepMarks;
            notes = recycled.notes;
            notes.Clear();
            violations = recycled.violations;
            violations.Clear();
            triggers = recycled.triggers;
            triggers.Clear();
        }
        else
        {
            parked = new ParkedEffects[4];
            parkedFree = new int[4];
            stepMarks = new int[4];
            notes = new();
            violations = new();
            triggers = new();
        }

        if (recycled is not null)
        {
            schedule = recycled.schedule;
            schedule.Clear();
            schedule.AddRange(scenario.Faults);
            afterEventFaults = recycled.afterEventFaults;
            afterEventFaults.Clear();
        }
        else
        {
            schedule = new List<ScheduledFault>(scenario.Faults);
            afterEventFaults = new List<ScheduledFault>();
        }

        for (var f = 0; f < schedule.Count; f++)
        {
            var fault = schedule[f];
            switch (fault.When)
            {
                case FaultTiming.AtTick at:
                    queue.Push(at.Tick, EventKind.Fault, -1, slot: f);
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
            // A fault triggered by an earlier node's start (say, "crash P2 when L sends prepare")
            // can crash this node before it begins. It then never began the transaction: starting it
            // now would take locks and timers on a down node, or overwrite what its recovery already
            // decided from its empty log.
            if (slots[node].Epoch != 0)
            {
                continue;
            }

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
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
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
        return new Simulator(scenario); // checked by RunSetup.For
    }

    /// <summary>
    /// The finished run <see cref="Run"/> left on this thread, for the next one to reuse. Nothing
    /// outside can reach it: <see cref="Run"/> hands out only the result, which shares no memory with it.
    /// </summary>
    [ThreadStatic]
    private static Simulator? threadRecycled;

    /// <summary>
    /// Runs <paramref name="scenario"/> to the end and returns how it ended: the same result as
    /// <c>Create(scenario).RunToEnd()</c>, for callers that need nothing else of the run (a fuzzer, a
    /// batch, a benchmark). The run's memory (its arrays, queue, message slots and trace storage) is
    /// reused by the next <see cref="Run"/> on the same thread, so many short runs in a row allocate
    /// little beyond what their nodes' steps do. Throws <see cref="ScenarioException"/> as
    /// <see cref="Create"/> does.
    /// </summary>
    public static RunResult Run(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        // Taken, not borrowed: a run started while this one is under way (nothing does that today)
        // finds none and builds its own, and a run that throws is simply not kept.
        var recycled = threadRecycled;
        threadRecycled = null;
        var sim = new Simulator(scenario, recycled);
        var result = sim.RunToEnd();
        threadRecycled = sim;
        return result;
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

        // Plain loops, and no builder for the usual empty lists: every finished run builds its
        // result, and a short run is cheap enough for that to show.
        ImmutableArray<string>.Builder? blockedBuilder = null;
        int liveCount = 0, lastLive = -1;
        var anyUp = false;
        for (var p = 1; p <= participants; p++)
        {
            if (blocking?.IsUndecidedAfterYes(p) == true)
            {
                (blockedBuilder ??= ImmutableArray.CreateBuilder<string>()).Add(names[p]);
            }

            anyUp |= slots[p].Up;
        }

        var blocked = blockedBuilder?.DrainToImmutable() ?? ImmutableArray<string>.Empty;
        RunOutcome outcome;
        if (violations.Count > 0)
        {
            outcome = RunOutcome.Violation;
        }
        else if (blocked.Length > 0)
        {
            outcome = RunOutcome.Blocked;
        }
        else
        {
            // Every live participant agrees, or the outcome is undecided. A participant that voted
            // READ-ONLY has left the protocol: it has no outcome to agree on.
            var agreed = Outcome.None;
            var agree = true;
            for (var p = 1; p <= participants && agree; p++)
            {
                if (slots[p].Up && slots[p].Phase != Phase.ReadOnly)
                {
                    agree = liveCount++ == 0 ? (agreed = slots[p].Decision) != Outcome.None : slots[p].Decision == agreed;
                    lastLive = p;
                }
            }

            if (liveCount == 0 && anyUp)
            {
                agreed = slots[0].Decision; // every live participant is read-only: the transaction's outcome is L's
                agree = true;
                lastLive = 0;
            }

            outcome = lastLive < 0 || !agree ? RunOutcome.Undecided
                : agreed == Outcome.Commit ? RunOutcome.Committed
                : agreed == Outcome.Abort ? RunOutcome.Aborted
                : RunOutcome.Undecided;
        }

        Span<Outcome> decisions = stackalloc Outcome[participants + 1];
        for (var p = 0; p <= participants; p++)
        {
            decisions[p] = slots[p].Decision;
        }

        var decided = setup.Decisions(decisions, participants);
        // Not blocked in the monitor's sense (they never voted), but their locks are held until someone tells them.
        ImmutableArray<string>.Builder? holdingBuilder = null;
        for (var p = 1; p <= participants; p++)
        {
            if (slots[p].Up && slots[p].Decision == Outcome.None && slots[p].Locks.Count > 0 && !blocked.Contains(names[p]))
            {
                (holdingBuilder ??= ImmutableArray.CreateBuilder<string>()).Add(names[p]);
            }
        }

        var holding = holdingBuilder?.DrainToImmutable() ?? ImmutableArray<string>.Empty;
        var judged = violations.Count == 0 ? ImmutableArray<string>.Empty : violations.ToImmutableArray();
        var run = new RunResult(outcome, decided, blocked, judged, new MessageCounts(sent, delivered, dropped), Tick, Events, Trace.Hash(), StopMessage)
        {
            ForcedWrites = forcedWrites,
            HoldingLocks = holding,
            Broken = BrokenMonitors(),
        };
        if (finished)
        {
            result = run;
        }

        return run;
    }

    /// <summary>Names of the monitors that do not hold; no builder in the usual case, where all do.</summary>
    private ImmutableArray<string> BrokenMonitors()
    {
        ImmutableArray<string>.Builder? broken = null;
        foreach (var monitor in monitors)
        {
            if (!monitor.Holds)
            {
                (broken ??= ImmutableArray.CreateBuilder<string>()).Add(monitor.Name);
            }
        }

        return broken?.DrainToImmutable() ?? ImmutableArray<string>.Empty;
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

    /// <summary>How many commit participants a run of <paramref name="scenario"/> has: P1..Pn; none in the Tahoe-LAFS models and the lunch.</summary>
    internal static int CommitParticipants(Scenario scenario) => scenario.Tahoe is null && scenario.Lunch is null ? scenario.Participants : 0;

    /// <summary>Where LOG sits among a run's nodes (right after P1..Pn), or -1 without one.</summary>
    internal static int OutcomeLogIndex(Scenario scenario, int participants) => scenario.OutcomeLog ? participants + 1 : -1;

    /// <summary>The role node <paramref name="node"/> plays in a run of <paramref name="scenario"/>, as the run picks it.</summary>
    internal static ProtocolRole RoleOf(Scenario scenario, int node)
    {
        var participants = CommitParticipants(scenario);
        return RoleOf(scenario.Protocol, node, OutcomeLogIndex(scenario, participants), participants, scenario.Tahoe);
    }

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

    /// <summary><paramref name="old"/> cleared when it has the length asked for, else a new array.</summary>
    private static T[] Cleared<T>(T[]? old, int length)
    {
        if (old is not null && old.Length == length)
        {
            Array.Clear(old);
            return old;
        }

        return new T[length];
    }

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

            // Looked at where it lies in the queue, and copied out only once taken.
            ref readonly var top = ref queue.Peek();
            if (top.Tick > Scenario.MaxTicks)
            {
                Tick = Scenario.MaxTicks;
                Finish();
                return false;
            }

            if (top.Tick > limit)
            {
                return false;
            }

            // Checked on the next real event, so a run that settles on its last allowed event ends
            // normally, and stale timers left in the queue do not count as work still to do.
            var stale = IsStale(top);
            if (Events >= Scenario.MaxEvents && !stale)
            {
                StopAtEventLimit();
                return false;
            }

            var next = queue.Pop();
            if (stale)
            {
                if (next.Kind == EventKind.Continue)
                {
                    Unpark(next.Slot); // the node crashed meanwhile: its waiting effects are lost
                }

                continue;
            }

            if (Defer(next))
            {
                continue;
            }

            Tick = Math.Max(Tick, next.Tick);
            Events++;
            Process(next);
            if (nextAfterEventFault < afterEventFaults.Count)
            {
                ApplyDueAfterEventFaults();
            }
            // A message in flight is the usual reason a commit run goes on, so that is tested here
            // first, without a call (a Tahoe run has rules of its own, in IsQuiescent).
            if ((tahoe is not null || inFlight.Count == 0) && IsQuiescent())
            {
                Finish();
            }

            return true;
        }

        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool IsStale(in ScheduledEvent e) => e.Kind switch
    {
        EventKind.Deliver => !inFlight.IsCurrent(e.Slot, e.A, e.B),
        EventKind.Timer => timerGeneration[TimerSlot(e.Node, (TimerKind)e.B)] != e.A,
        EventKind.Continue or EventKind.Notify => slots[e.Node].Epoch != e.A,
        _ => false,
    };

    /// <summary>A frozen node, or one in the middle of a forced write, handles nothing until it is free again.</summary>
    private bool Defer(in ScheduledEvent e)
    {
        if (e.Kind is not (EventKind.Deliver or EventKind.Timer or EventKind.Notify))
        {
            return false;
        }

        var node = e.Kind == EventKind.Deliver ? inFlight[e.Slot].Message.To : e.Node;
        if (!slots[node].Up)
        {
            return false;
        }

        var free = Math.Max(slots[node].FrozenUntil, slots[node].BusyUntil);
        if (free <= e.Tick && !slots[node].CarryingOn)
        {
            return false;
        }

        // Busy carrying on after a write: wait behind that event, at the same tick.
        free = Math.Max(free, e.Tick);

        if (e.Kind == EventKind.Deliver)
        {
            inFlight[e.Slot].DeliverAt = free;
        }
        else if (e.Kind == EventKind.Timer)
        {
            timerDue[TimerSlot(node, (TimerKind)e.B)] = free;
        }

        queue.Push(free, e.Kind, e.Node, e.A, e.B, e.Slot);
        return true;
    }

    private void Process(in ScheduledEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.Deliver:
                Deliver(e.Slot);
                break;
            case EventKind.Timer:
                FireTimer(e.Node, (TimerKind)e.B);
                break;
            case EventKind.Continue when e.B == 0:
                slots[e.Node].BusyUntil = 0;
                slots[e.Node].Pending = -1;
                RunParked(e.Node, e.Slot, completesWrite: true);
                break;
            case EventKind.Continue:
                slots[e.Node].CarryingOn = false;
                slots[e.Node].Pending = -1;
                RunParked(e.Node, e.Slot, completesWrite: false);
                break;
            case EventKind.Fault:
                pendingTickFaults--;
                var fault = schedule[e.Slot];
                ApplyFault(fault.Do, $"at t={((FaultTiming.AtTick)fault.When).Tick}", null);
                break;
            case EventKind.DetectorCheck:
                ConfirmSuspicion(e.Node, e.B, e.A);
                break;
            case EventKind.Notify:
                var node = e.Node;
                BeginStep(node);
                EndStep(node, roles[node].OnSuspicion(contexts[node], slots[node].State!, detector.Suspected[node], outbox));
                break;
            case EventKind.Unfreeze:
                Unfreeze(e.Node);
                break;
        }
    }

    private void Deliver(int slot)
    {
        ref readonly var flight = ref inFlight[slot];
        var id = flight.Id;
        var lost = flight.Lost;
        var m = flight.Message;
        inFlight.Remove(slot);
        if (lost || !slots[m.To].Up)
        {
            dropped++;
            RecordMessage(TraceKind.Drop, m.To, m.From, id, m, 0, lost ? DropReason.Loss : DropReason.ReceiverDown, null);
            return;
        }

        delivered++;
        RecordMessage(TraceKind.Deliver, m.To, m.From, id, m, 0, DropReason.None, m.Body?.Label);
        var before = slots[m.To].Epoch;
        CheckTriggers(TriggerKind.Receives, m.To, m.From, m.Kind, default, default, id);
        if (!slots[m.To].Up || slots[m.To].Epoch != before)
        {
            return; // the trigger crashed the receiver before it could act on the message
        }

        var to = m.To;
        BeginStep(to);
        EndStep(to, roles[to].OnMessage(contexts[to], slots[to].State!, m, detector.Suspected[to], outbox));
    }

    private void FireTimer(int node, TimerKind timer)
    {
        var slot = TimerSlot(node, timer);
        timerDue[slot] = -1;
        timerGeneration[slot]++;
        Record(new TraceEvent(Trace.Count, Tick, Events, TraceKind.TimerFired, node, Timer: timer));
        BeginStep(node);
        EndStep(node, roles[node].OnTimer(contexts[node], slots[node].State!, timer, detector.Suspected[node], outbox));
    }

    /// <summary>
    /// Readies the shared outbox for one handler call (call the handler between this and
    /// <see cref="EndStep"/>). The outbox works as a stack: a handler's effects go after whatever the
    /// handlers further out are still carrying out (applying effects can fire triggers that run other
    /// handlers), and <see cref="EndStep"/> takes its own off the top again. So nothing is copied.
    /// </summary>
    private void BeginStep(int node)
    {
        if (stepDepth == stepMarks.Length)
        {
            Array.Resize(ref stepMarks, stepMarks.Length * 2);
        }

        if (stepDepth == 0)
        {
            // No step of any run is under way on this thread, so anything left is from a step that threw.
            // (Stored only when it changed: storing a reference costs a write barrier on every step.)
            var box = ownOutbox ?? (threadOutbox ??= new Outbox());
            if (!ReferenceEquals(outbox, box))
            {
                outbox = box;
            }

            outbox.Clear();
        }

        stepMarks[stepDepth++] = outbox.Count;
        outbox.Self = node;
    }

    /// <summary>Stores the handler's new state and carries out the effects it asked for.</summary>
    private void EndStep(int node, NodeState next)
    {
        // The step stays counted while its effects are carried out: a handler they trigger is nested
        // in it, and must write above these effects, not clear them as a new outermost step would.
        var start = stepMarks[stepDepth - 1];

        // The new state is stored before it is narrated, so that a monitor reading the nodes (Tahoe's
        // lost update, servers agree) judges the state the narrated event says the node is now in.
        var before = narrates[node] ? slots[node].State ?? roles[node].Durable(contexts[node], LastCheckpoint(node))! : null;
        slots[node].State = next;
        if (before is not null)
        {
            Narrate(node, before, next);
        }

        if (outbox.Count > start)
        {
            // A nested handler may grow the buffer into a new array; this span keeps reading the old
            // one, which still holds these effects unchanged.
            ApplyEffects(node, outbox.From(start));
            outbox.Truncate(start);
        }

        stepDepth--;
    }

    /// <summary>
    /// Carries out effects in order. A forced log write takes time: the node is busy until it is
    /// durable, and everything after it (typically the message it must not send before) waits.
    /// A crash part-way (a trigger may cause one) cancels what is left.
    /// </summary>
    private void ApplyEffects(int node, ReadOnlySpan<Effect> effects)
    {
        var startEpoch = slots[node].Epoch;
        for (var i = 0; i < effects.Length; i++)
        {
            if (!slots[node].Up || slots[node].Epoch != startEpoch)
            {
                return;
            }

            ref readonly var e = ref effects[i];
            if (e.Kind == EffectKind.Append && e.Forced && Scenario.ForcedWriteTicks > 0)
            {
                slots[node].BusyUntil = Tick + Scenario.ForcedWriteTicks;
                var slot = Park(effects[i..]);
                slots[node].Pending = slot;
                prints?[node].Parked();
                queue.Push(slots[node].BusyUntil, EventKind.Continue, node, slots[node].Epoch, slot: slot);
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
    /// <returns>
    /// Whether the rest waits in the same slot (its array is not copied: the slot now starts one
    /// effect later), for the continue event queued here; false when nothing is left to do.
    /// </returns>
    private bool CompleteWrite(int node, int slot)
    {
        var startEpoch = slots[node].Epoch;
        Apply(node, parked[slot].Buffer![parked[slot].Start]);
        if (parked[slot].End - parked[slot].Start > 1 && slots[node].Up && slots[node].Epoch == startEpoch)
        {
            slots[node].CarryingOn = true;
            parked[slot].Start++;
            slots[node].Pending = slot;
            queue.Push(Tick, EventKind.Continue, node, slots[node].Epoch, 1, slot);
            return true;
        }

        return false;
    }

    /// <summary>
    /// Keeps the effects a continue event will carry out, in a reused array, and returns the slot the
    /// event names. (A node can have two continue events queued: a message due at the very tick its
    /// write completes may be handled first and start another write, so the event, not the node, says
    /// which effects are its.)
    /// </summary>
    private int Park(ReadOnlySpan<Effect> effects)
    {
        int slot;
        if (parkedFreeCount > 0)
        {
            slot = parkedFree[--parkedFreeCount];
        }
        else
        {
            if (parkedUsed == parked.Length)
            {
                Array.Resize(ref parked, parked.Length * 2);
            }

            slot = parkedUsed++;
        }

        ref var p = ref parked[slot];
        if (p.Buffer is null || p.Buffer.Length < effects.Length)
        {
            var pool = slotsKeepArrays ? null : (threadEffectPool ??= new Stack<Effect[]>());
            var buffer = pool is { Count: > 0 } ? pool.Pop() : null;
            p.Buffer = buffer is not null && buffer.Length >= effects.Length ? buffer : new Effect[Math.Max(8, effects.Length)];
        }

        effects.CopyTo(p.Buffer);
        p.Start = 0;
        p.End = effects.Length;
        return slot;
    }

    /// <summary>The effects parked in <paramref name="slot"/>, still parked.</summary>
    private ReadOnlySpan<Effect> Parked(int slot) => parked[slot].Buffer.AsSpan(parked[slot].Start, parked[slot].End - parked[slot].Start);

    /// <summary>A parked slot: its array (kept while the slot is free when <see cref="slotsKeepArrays"/>) and the part still to carry out, from Start to End.</summary>
    private struct ParkedEffects
    {
        public Effect[]? Buffer;
        public int Start;
        public int End;
    }

    /// <summary>Carries out what a continue event parked, then frees its slot and array (stale events free theirs unapplied).</summary>
    private void RunParked(int node, int slot, bool completesWrite)
    {
        if (completesWrite)
        {
            if (CompleteWrite(node, slot))
            {
                return;
            }
        }
        else
        {
            ApplyEffects(node, Parked(slot));
        }

        Unpark(slot);
    }

    private void Unpark(int slot)
    {
        // Not cleared: a buffer's next user reads only what it copies in, and clearing on every write
        // completion cost more than the little it frees (what a buffer still holds is at most one
        // step's effects, in at most 64 buffers a thread).
        ref var p = ref parked[slot];
        if (!slotsKeepArrays)
        {
            var pool = threadEffectPool ??= new Stack<Effect[]>();
            if (pool.Count < 64)
            {
                pool.Push(p.Buffer!);
            }

            p.Buffer = null;
        }

        p.Start = 0;
        p.End = 0;
        if (parkedFreeCount == parkedFree.Length)
        {
            Array.Resize(ref parkedFree, parkedFree.Length * 2);
        }

        parkedFree[parkedFreeCount++] = slot;
    }

    private void Apply(int node, in Effect e)
    {
        // Each kind in a method of its own: one that builds a trace event inline would make every
        // call (most are sends) clear room on the stack for all of them.
        switch (e.Kind)
        {
            case EffectKind.Send:
                Send(e.Message);
                break;
            case EffectKind.SetTimer:
                StartTimer(node, e.Timer, e.Delay, e.Jitter);
                break;
            case EffectKind.CancelTimer:
                var cancel = TimerSlot(node, e.Timer);
                timerGeneration[cancel]++;
                timerDue[cancel] = -1;
                break;
            case EffectKind.Append:
                AppendToLog(node, e.Record, e.Forced, e.Saved);
                break;
            case EffectKind.Decide:
                Decide(node, e.Decision);
                break;
            case EffectKind.Enter when e.State is Phase.Committed or Phase.Aborted && slots[node].Decision == Outcome.None && node <= participants:
                // A decision that became durable but was never announced (a crash came between the
                // log write and the rest): recovery finds it in the log, and that is when it counts.
                Decide(node, e.State == Phase.Committed ? Outcome.Commit : Outcome.Abort);
                break;
            case EffectKind.Enter:
                Enter(node, e.State);
                break;
            case EffectKind.Acquire:
                Acquire(node, e.Resource!);
                break;
            case EffectKind.ReleaseAll:
                ReleaseAll(node);
                break;
        }
    }

    private void StartTimer(int node, TimerKind timer, int delayTicks, int jitterTicks)
    {
        var slot = TimerSlot(node, timer);
        var gen = ++timerGeneration[slot];
        // Drawn only for a timer with a jitter (a Tahoe writer's backoff), so other runs draw nothing here.
        var delay = jitterTicks > 0 ? prng.NextInclusive(delayTicks, (long)delayTicks + jitterTicks) : delayTicks;
        timerDue[slot] = Tick + delay;
        queue.Push(Tick + delay, EventKind.Timer, node, gen, (int)timer);
    }

    private void AppendToLog(int node, LogRecordKind record, bool forced, Checkpoint? saved)
    {
        // The durable log only grows, in time order.
        ref var n = ref slots[node];
        EngineInvariantException.Check(n.Log.Count == 0 || n.Log[^1].Tick <= Tick, "a durable log must grow in time order; last write, now", n.Log.Count == 0 ? 0 : n.Log[^1].Tick, Tick);
        n.Log.Add(new LogEntry(record, forced, Tick, saved));
        forcedWrites += forced ? 1 : 0;
        // Only a checkpoint record is told in its own words; a protocol record that also saves state
        // (a Paxos acceptor's) reads as the record it is.
        Record(new TraceEvent(Trace.Count, Tick, Events, TraceKind.LogAppend, node, Record: record, Forced: forced, Text: record == LogRecordKind.Checkpoint ? saved?.Text : null));
        CheckTriggers(TriggerKind.Logs, node, -1, default, record, default, 0);
    }

    private void Decide(int node, Outcome decision)
    {
        EngineInvariantException.Check(
            slots[node].Decision == Outcome.None || slots[node].Decision == decision,
            "a decided node must never change its decision; node, new decision", node, (long)decision);
        slots[node].Decision = decision;
        slots[node].Phase = decision == Outcome.Commit ? Phase.Committed : Phase.Aborted;
        Record(new TraceEvent(Trace.Count, Tick, Events, TraceKind.Decision, node, Decision: decision));
        CheckTriggers(TriggerKind.Enters, node, -1, default, default, slots[node].Phase, 0);
    }

    private void Enter(int node, Phase state)
    {
        slots[node].Phase = state;
        Record(new TraceEvent(Trace.Count, Tick, Events, TraceKind.StateChange, node, State: state));
        CheckTriggers(TriggerKind.Enters, node, -1, default, default, state, 0);
    }

    private void Acquire(int node, string resource)
    {
        slots[node].Locks.Add(new LockHold(resource, Tick));
        Record(new TraceEvent(Trace.Count, Tick, Events, TraceKind.LockAcquired, node, Text: resource));
    }

    private void ReleaseAll(int node)
    {
        foreach (var held in slots[node].Locks)
        {
            Record(new TraceEvent(Trace.Count, Tick, Events, TraceKind.LockReleased, node, Text: held.Resource));
        }

        slots[node].Locks.Clear();
        prints?[node].LocksReleased();
    }

    private void Send(in Message m)
    {
        var id = nextMessageId++;
        sent++;
        if (!linkUp[(m.From * nodeCount) + m.To])
        {
            RecordMessage(TraceKind.Send, m.From, m.To, id, m, Tick, DropReason.None, m.Body?.Label);
            dropped++;
            RecordMessage(TraceKind.Drop, m.To, m.From, id, m, 0, DropReason.LinkCut, null);
            CheckTriggers(TriggerKind.Sends, m.From, m.To, m.Kind, default, default, id);
            return;
        }

        var network = Scenario.Network;
        var latency = prng.NextInclusive(network.LatencyMin, network.LatencyMax);
        var lost = network.Loss > 0 && prng.NextDouble() < network.Loss;
        var deliverAt = Tick + latency;
        var slot = inFlight.Add(id, m, Tick, deliverAt, lost);
        queue.Push(deliverAt, EventKind.Deliver, m.To, id, 0, slot);
        RecordMessage(TraceKind.Send, m.From, m.To, id, m, deliverAt, DropReason.None, m.Body?.Label);
        CheckTriggers(TriggerKind.Sends, m.From, m.To, m.Kind, default, default, id);
    }

    /// <summary>
    /// Records a message's send, delivery or loss: packed straight into the trace when no monitor
    /// watches this kind of event (the commit protocols' monitors never do), else as <see cref="Record"/>.
    /// </summary>
    private void RecordMessage(TraceKind kind, int node, int peer, long id, in Message m, long value, DropReason reason, string? text)
    {
        if ((watchedKinds & (1UL << (int)kind)) == 0)
        {
            Trace.AppendMessage(kind, Tick, Events, node, peer, id, m, value, reason, text);
            return;
        }

        RecordWatchedMessage(kind, node, peer, id, m, value, reason, text);
    }

    /// <summary>A message event some monitor watches (none of the commit protocols' do): apart, so the usual path above builds no trace event.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void RecordWatchedMessage(TraceKind kind, int node, int peer, long id, in Message m, long value, DropReason reason, string? text) =>
        Record(new TraceEvent(Trace.Count, Tick, Events, kind, node, peer, id, m.Kind, m.Decision, m.State, Value: value, Slot: m.Slot, Reason: reason, Text: text));

    /// <summary>Appends to the trace and lets every monitor that watches this kind of event judge it.</summary>
    /// <remarks>
    /// Not inlined: its callers build the event and pass it on, and each copy of this (with the trace's
    /// store and the indexed copy below inlined) would have every caller clear room for several trace
    /// events on the stack at each call.
    /// </remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Record(in TraceEvent e)
    {
        var index = Trace.Append(e);
        var bit = 1UL << (int)e.Kind;
        if ((watchedKinds & bit) == 0)
        {
            return;
        }

        // The monitors see the event with its place in the trace; a caller that built it with that
        // place already (the hot paths pass Trace.Count) spares the copy.
        if (e.Index == index)
        {
            Judge(e, bit);
        }
        else
        {
            JudgeAt(e, index, bit);
        }
    }

    /// <summary>The monitors judge an event built without its place in the trace (the rare events: faults, suspicions).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void JudgeAt(in TraceEvent e, int index, ulong bit) => Judge(e with { Index = index }, bit);

    private void Judge(in TraceEvent recorded, ulong bit)
    {
        // The first three (every commit protocol has three) each get a call site of their own, in
        // order: a site that always meets one monitor type is turned by the JIT into a direct call,
        // where one site for all of them went through the runtime's dispatch for interface calls
        // that meet several types.
        var count = monitorKinds.Length;
        if (count > 0 && (monitorKinds[0] & bit) != 0 && monitors[0].Observe(recorded) is { } first)
        {
            AddViolation(first);
        }

        if (count > 1 && (monitorKinds[1] & bit) != 0 && monitors[1].Observe(recorded) is { } second)
        {
            AddViolation(second);
        }

        if (count > 2 && (monitorKinds[2] & bit) != 0 && monitors[2].Observe(recorded) is { } third)
        {
            AddViolation(third);
        }

        for (var m = 3; m < count; m++)
        {
            if ((monitorKinds[m] & bit) != 0 && monitors[m].Observe(recorded) is { } violation)
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

    /// <summary>Fires the faults whose trigger this event matches; inlined to its first test, since most runs have no trigger left.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void CheckTriggers(TriggerKind kind, int node, int peer, MessageKind message, LogRecordKind record, Phase state, long messageId)
    {
        if (pendingTriggers != 0)
        {
            FireTriggers(kind, node, peer, message, record, state, messageId);
        }
    }

    /// <summary>
    /// The faults of the scenario whose trigger has fired so far, in the scenario's order (each fires
    /// at most once): what a page needs to tell whether a triggered fault struck this run.
    /// </summary>
    public IReadOnlyList<ScheduledFault> FiredTriggerFaults()
    {
        var fired = new List<ScheduledFault>();
        foreach (var t in triggers)
        {
            if (t.Fired)
            {
                fired.Add(t.Fault);
            }
        }

        return fired;
    }

    private void FireTriggers(TriggerKind kind, int node, int peer, MessageKind message, LogRecordKind record, Phase state, long messageId)
    {

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
            if (slots[i].Up && (slots[i].BusyUntil > Tick || slots[i].CarryingOn))
            {
                return false;
            }
        }

        for (var i = 0; i <= participants; i++)
        {
            if (slots[i].Up && slots[i].Decision == Outcome.None && slots[i].Phase != Phase.ReadOnly)
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
