using System.Collections.Immutable;
using System.Text;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Protocols.PaxosCommit;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>
/// A scenario's protocol roles (2PC or 3PC, with or without LOG, either failure detector; Paxos Commit with its acceptors) as a model
/// the <see cref="Explorer"/> can enumerate, under abstract time. The roles are the simulator's own
/// pure handlers, called directly; only the world around them is the explorer's. Each step is one
/// choice: deliver a message in flight, lose one (drop budget), fire a timer, let a node carry on
/// after a forced write, let the failure detector catch up, crash or recover a node, cut or heal a
/// link (budgets). The scenario's own faults are ignored: the explorer chooses every fault itself.
/// </summary>
/// <remarks>
/// Three abstractions keep the space finite and the paths replayable in the simulator:
/// <list type="bullet">
/// <item>Messages in flight are a set: resending a message still on the wire changes nothing.</item>
/// <item>Timers fire only when no message is in flight and no write is pending: timeouts are long next
/// to message delays, as in every shipped scenario. A timer whose retry, played out with no fault,
/// brings the world back to where it was (an uncertain participant asking a crashed leader again) is
/// a step that changes nothing, so a blocked world is terminal, as the simulator would run to its
/// tick limit.</item>
/// <item>While a node's forced write has become durable but it has not carried on, only faults and
/// carrying on are possible: everything else commutes with carrying on, and the moment a crash can
/// strike between "L logs commit" and "L sends commit" is the one the lecture is about.</item>
/// </list>
/// </remarks>
public class ScenarioModel : IModel<ScenarioState>
{
    /// <summary>The most participants the explorer takes: beyond it the space no longer fits a laptop.</summary>
    public const int MaxParticipants = 6;

    private const int SettleSteps = 512;
    private const int CrashBudget = 0, RecoveryBudget = 1, DropBudget = 2, CutBudget = 3;

    [ThreadStatic]
    private static Outbox? threadOutbox;

    private readonly ProtocolRole[] roles;
    private readonly NodeContext[] contexts;
    private readonly bool tracksDetector;

    /// <summary>A bit per node the crash budget may strike.</summary>
    private readonly ulong crashable;
    private readonly int maxSuccessors;

    /// <summary>Distinct messages in flight at most: generous for every pair of nodes holding a few kinds at once.</summary>
    private readonly int maxInFlight;

    /// <summary>
    /// The ways a participant can be left blocked, told apart by what L's log holds when it happens;
    /// with <c>waysToBlock</c> each is a terminal property of its own, so one search shows the shortest
    /// path to each ("2PC never disagrees, but it blocks: here is every way").
    /// </summary>
    public static IReadOnlyList<(string Name, string Description, Outcome LeaderLogged)> WaysToBlock { get; } =
    [
        ("blocked-undecided", "no participant is left blocked while L's log holds no decision", Outcome.None),
        ("blocked-commit", "no participant is left blocked while L's log holds COMMIT", Outcome.Commit),
        ("blocked-abort", "no participant is left blocked while L's log holds ABORT", Outcome.Abort),
    ];

    public ScenarioModel(Scenario scenario, ExplorationBudgets budgets, bool waysToBlock = false)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(budgets);
        if (Problems(scenario, budgets) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems));
        }

        Scenario = scenario;
        Budgets = budgets;
        NodeNames = scenario.NodeNames();
        Participants = scenario.Participants;
        var nodes = NodeNames.Length;
        var participantIds = Enumerable.Range(1, Participants).ToImmutableArray();
        var outcomeLog = scenario.OutcomeLog ? Participants + 1 : -1;
        roles = new ProtocolRole[nodes];
        contexts = new NodeContext[nodes];
        for (var i = 0; i < nodes; i++)
        {
            roles[i] = Simulator.RoleOf(scenario.Protocol, i, outcomeLog, Participants);
            contexts[i] = Simulator.ContextOf(scenario, i, NodeNames, participantIds, outcomeLog);
        }

        crashable = budgets.Crashable.IsDefaultOrEmpty ? ulong.MaxValue : budgets.Crashable.Aggregate(0UL, (mask, name) => mask | (1UL << NodeNames.IndexOf(name)));

        // 2PC's roles never look at suspicions, so the detector would only multiply states.
        tracksDetector = scenario.Protocol == ProtocolKind.ThreePhase;
        var pairs = nodes * (nodes - 1) / 2;
        maxInFlight = 8 * nodes * nodes;
        maxSuccessors = (2 * maxInFlight) + (4 * nodes) + (3 * nodes) + (2 * pairs) + 1;
        InitialStates = [new ScenarioState(Initial())];
        Properties =
        [
            new("atomicity", "no node commits while another aborts", PropertyKind.Invariant, state => Atomic(state.World)),
            new("validity", "a node commits only if every participant voted yes", PropertyKind.Invariant, state => Valid(state.World)),
            new("nonblocking", "no terminal state leaves a live participant that voted yes unable to decide", PropertyKind.Terminal, state => Blocked(state.World).Count == 0),
            .. (waysToBlock
                ? WaysToBlock.Select(way => new ModelProperty<ScenarioState>(
                    way.Name, way.Description, PropertyKind.Terminal, state => Blocked(state.World).Count == 0 || LeaderLogged(state.World) != way.LeaderLogged))
                : Enumerable.Empty<ModelProperty<ScenarioState>>()),
        ];
    }

    public Scenario Scenario { get; }

    /// <summary>
    /// The model for a scenario: one that can also count states up to renaming the participants
    /// when they are interchangeable (2PC with every participant voting alike; 3PC's termination
    /// protocol picks the lowest id, so its participants are not).
    /// </summary>
    public static ScenarioModel Create(Scenario scenario, ExplorationBudgets budgets, bool waysToBlock = false) =>
        scenario.Protocol == ProtocolKind.TwoPhase && scenario.NoVoters.IsEmpty && scenario.ReadOnly.IsEmpty
            ? new SymmetricScenarioModel(scenario, budgets, waysToBlock)
            : new ScenarioModel(scenario, budgets, waysToBlock);

    public ExplorationBudgets Budgets { get; }

    public ImmutableArray<string> NodeNames { get; }

    public int Participants { get; }

    public string Name => $"{Names.Of(Scenario.Protocol)}, {Participants} participants" +
        (Scenario.OutcomeLog ? ", LOG" : "") +
        (Scenario.Protocol == ProtocolKind.PaxosCommit ? $", {Scenario.Acceptors} acceptors" : "") +
        (Scenario.Protocol == ProtocolKind.ThreePhase ? $", {Names.Of(Scenario.FailureDetector)} detector" : "") +
        $", {Budgets.Describe()}";

    public int MaxSuccessors => maxSuccessors;

    public IReadOnlyList<ScenarioState> InitialStates { get; }

    public IReadOnlyList<ModelProperty<ScenarioState>> Properties { get; }

    /// <summary>Why this scenario and these budgets cannot be explored, in words a user can act on (empty when they can).</summary>
    public static IReadOnlyList<string> Problems(Scenario scenario, ExplorationBudgets budgets)
    {
        var problems = new List<string>(scenario.Validate());
        problems.AddRange(budgets.Validate());
        var names = scenario.NodeNames();
        var nodes = names.Length;
        foreach (var name in budgets.Crashable.IsDefault ? [] : budgets.Crashable)
        {
            if (!names.Contains(name))
            {
                problems.Add($"only nodes of this run can be chosen to crash ({string.Join(", ", names)}), not '{name}'");
            }
        }

        if (budgets.Cuts > 0 && nodes * (nodes - 1) / 2 > 64)
        {
            // A world keeps one bit per link.
            problems.Add($"the explorer cuts links among at most 11 nodes, not {nodes}: use fewer participants or acceptors, or no cut budget");
        }

        if (scenario.Participants > MaxParticipants)
        {
            problems.Add($"the explorer takes at most {MaxParticipants} participants, not {scenario.Participants}: every interleaving of more does not fit in memory");
        }

        return problems;
    }

    public ulong Fingerprint(ScenarioState state) => state.World.Fingerprint();

    /// <summary>
    /// An estimate: the world object and its five arrays, about 100 bytes per node for the arrays'
    /// slots and the role records (often shared with the parent state), and a few messages in flight.
    /// </summary>
    public int StateBytes => 160 + (100 * NodeNames.Length);

    public int Successors(ScenarioState state, Span<Transition<ScenarioState>> into)
    {
        var w = state.World;
        var n = 0;
        var nodes = w.Nodes;
        if (w.AnyPending)
        {
            for (var node = 0; node < nodes; node++)
            {
                if (w.HasPending(node))
                {
                    into[n++] = Step(new ScenarioAction(ScenarioActionKind.Continue, Node: node), w);
                }
            }
        }
        else
        {
            foreach (var packed in w.InFlight)
            {
                var message = ScenarioActions.Unpack(packed);
                into[n++] = Step(new ScenarioAction(ScenarioActionKind.Deliver, message), w);
                if (w.UsedOf(DropBudget) < Budgets.Drops)
                {
                    into[n++] = Step(new ScenarioAction(ScenarioActionKind.Lose, message), w);
                }
            }

            if (tracksDetector && DetectorBehind(w))
            {
                into[n++] = Step(new ScenarioAction(ScenarioActionKind.Detect), w);
            }

            if (w.InFlight.Length == 0)
            {
                for (var node = 0; node < nodes; node++)
                {
                    for (var timer = TimerKind.Vote; timer <= TimerKind.Prepare; timer++)
                    {
                        if (w.TimerRunning(node, timer))
                        {
                            into[n++] = TimerStep(w, node, timer);
                        }
                    }
                }
            }

            if (w.UsedOf(RecoveryBudget) < Budgets.Recoveries)
            {
                for (var node = 0; node < nodes; node++)
                {
                    if (!w.IsUp(node))
                    {
                        into[n++] = Step(new ScenarioAction(ScenarioActionKind.Recover, Node: node), w);
                    }
                }
            }

            for (var a = 0; a < nodes; a++)
            {
                for (var b = a + 1; b < nodes; b++)
                {
                    if (w.LinkCut(a, b))
                    {
                        into[n++] = Step(new ScenarioAction(ScenarioActionKind.Heal, Node: a, Peer: b), w);
                    }
                }
            }
        }

        // Faults can strike at any moment, between a forced write and what follows it too.
        if (w.UsedOf(CrashBudget) < Budgets.Crashes)
        {
            for (var node = 0; node < nodes; node++)
            {
                if (w.IsUp(node) && (crashable & (1UL << node)) != 0)
                {
                    into[n++] = Step(new ScenarioAction(ScenarioActionKind.Crash, Node: node), w);
                }
            }
        }

        if (w.UsedOf(CutBudget) < Budgets.Cuts)
        {
            for (var a = 0; a < nodes; a++)
            {
                for (var b = a + 1; b < nodes; b++)
                {
                    if (!w.LinkCut(a, b))
                    {
                        into[n++] = Step(new ScenarioAction(ScenarioActionKind.Cut, Node: a, Peer: b), w);
                    }
                }
            }
        }

        return n;
    }

    /// <summary>The world after one action; the action must be enabled in <paramref name="world"/>.</summary>
    public ScenarioWorld Apply(ScenarioWorld world, ScenarioAction action)
    {
        var w = world.Copy();
        switch (action.Kind)
        {
            case ScenarioActionKind.Deliver:
                Remove(w, ScenarioActions.Pack(action.Message));
                var to = action.Message.To;
                if (w.IsUp(to))
                {
                    var outbox = Begin(to);
                    w.Volatile[to] = roles[to].OnMessage(contexts[to], w.Volatile[to]!, action.Message, w.Suspected[to], outbox);
                    Run(w, to, outbox);
                }

                break;

            case ScenarioActionKind.Lose:
                Remove(w, ScenarioActions.Pack(action.Message));
                w.Spend(DropBudget);
                break;

            case ScenarioActionKind.Timer:
                w.Timers &= ~ScenarioWorld.TimerBit(action.Node, action.Timer);
                var timerOutbox = Begin(action.Node);
                w.Volatile[action.Node] = roles[action.Node].OnTimer(contexts[action.Node], w.Volatile[action.Node]!, action.Timer, w.Suspected[action.Node], timerOutbox);
                Run(w, action.Node, timerOutbox);
                break;

            case ScenarioActionKind.Continue:
                var pending = w.Pending[action.Node]!;
                w.Pending[action.Node] = null;
                Run(w, action.Node, pending);
                break;

            case ScenarioActionKind.Detect:
                Detect(w);
                break;

            case ScenarioActionKind.Crash:
                Crash(w, action.Node);
                break;

            case ScenarioActionKind.Recover:
                w.Up |= 1UL << action.Node;
                w.Spend(RecoveryBudget);
                var recoverOutbox = Begin(action.Node);
                w.Volatile[action.Node] = roles[action.Node].OnRecover(contexts[action.Node], w.LogOf(action.Node), w.Suspected[action.Node], recoverOutbox);
                Run(w, action.Node, recoverOutbox);
                Unsuspect(w);
                break;

            case ScenarioActionKind.Cut:
                w.CutPairs |= 1UL << ScenarioWorld.PairIndex(action.Node, action.Peer);
                w.Spend(CutBudget);
                // Cutting a link loses whatever is on it, both ways.
                w.InFlight = w.InFlight.Where(packed => !OnLink(ScenarioActions.Unpack(packed), action.Node, action.Peer)).ToArray();
                break;

            case ScenarioActionKind.Heal:
                w.CutPairs &= ~(1UL << ScenarioWorld.PairIndex(action.Node, action.Peer));
                Unsuspect(w);
                break;
        }

        return w;
    }

    public string ActionName(int action)
    {
        var a = ScenarioActions.Decode(action);
        return a.Kind switch
        {
            ScenarioActionKind.Deliver => $"deliver {MessageText(a.Message)}",
            ScenarioActionKind.Lose => $"lose {MessageText(a.Message)}",
            ScenarioActionKind.Timer => $"{NodeNames[a.Node]}'s {TimerText(a.Timer)} timer fires",
            ScenarioActionKind.Continue => $"{NodeNames[a.Node]} carries on",
            ScenarioActionKind.Detect => "the failure detector catches up",
            ScenarioActionKind.Crash => $"crash {NodeNames[a.Node]}",
            ScenarioActionKind.Recover => $"recover {NodeNames[a.Node]}",
            ScenarioActionKind.Cut => $"cut {NodeNames[a.Node]}-{NodeNames[a.Peer]}",
            _ => $"heal {NodeNames[a.Node]}-{NodeNames[a.Peer]}",
        };
    }

    /// <summary>A message as the reports print it: <c>vote-yes P1→L</c>, <c>decision(commit) L→P2</c>.</summary>
    public string MessageText(in Message m)
    {
        var payload = new List<string>();
        if (m.Decision != Outcome.None)
        {
            payload.Add(Names.Of(m.Decision));
        }

        if (m.State != Phase.Working)
        {
            payload.Add(Names.Of(m.State));
        }

        if (m.FromRecovery)
        {
            payload.Add("recovered");
        }

        if (m.Kind >= MessageKind.Phase1a)
        {
            // Paxos Commit: whose vote (instance), which ballot, and in a promise the ballot a value was accepted at.
            payload.Add($"{NodeNames[m.Instance]}'s vote, ballot {m.Ballot}");
            if (m.Kind == MessageKind.Phase1b && m.Decision != Outcome.None)
            {
                payload.Add($"accepted at {m.Accepted}");
            }
        }

        return $"{Names.Of(m.Kind)}{(payload.Count > 0 ? $"({string.Join(", ", payload)})" : "")} {NodeNames[m.From]}→{NodeNames[m.To]}";
    }

    public string Describe(ScenarioState state)
    {
        var w = state.World;
        var text = new StringBuilder();
        for (var node = 0; node < w.Nodes; node++)
        {
            text.Append(node == 0 ? "" : " · ").Append(NodeNames[node]).Append(' ');
            text.Append(w.PhaseOf(node) is { } phase ? Names.Of(phase) : "down");
            var log = w.LogOf(node);
            if (log.Count > 0)
            {
                text.Append(" [").AppendJoin(",", log.Select(Names.Of)).Append(']');
            }

            if (w.HasPending(node))
            {
                text.Append(" (carrying on)");
            }
        }

        if (w.InFlight.Length > 0)
        {
            text.Append(" · in flight: ").AppendJoin(", ", w.InFlight.Select(packed => MessageText(ScenarioActions.Unpack(packed))));
        }

        for (var a = 0; a < w.Nodes; a++)
        {
            for (var b = a + 1; b < w.Nodes; b++)
            {
                if (w.LinkCut(a, b))
                {
                    text.Append(" · cut ").Append(NodeNames[a]).Append('-').Append(NodeNames[b]);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The live participants that voted yes and cannot decide (in a terminal state: blocked).</summary>
    public IReadOnlyList<int> Blocked(ScenarioWorld w)
    {
        var blocked = new List<int>();
        for (var p = 1; p <= Participants; p++)
        {
            if (w.IsUp(p) && w.PhaseOf(p) is Phase.Uncertain or Phase.PreCommitted)
            {
                blocked.Add(p);
            }
        }

        return blocked;
    }

    /// <summary>The decision in L's durable log, or none.</summary>
    public static Outcome LeaderLogged(ScenarioWorld w) =>
        w.Logged(0, LogRecordKind.Commit) ? Outcome.Commit : w.Logged(0, LogRecordKind.Abort) ? Outcome.Abort : Outcome.None;

    private bool Atomic(ScenarioWorld w)
    {
        var commit = false;
        var abort = false;
        for (var node = 0; node <= Participants; node++)
        {
            commit |= w.DecisionOf(node) == Outcome.Commit;
            abort |= w.DecisionOf(node) == Outcome.Abort;
        }

        return !(commit && abort);
    }

    private bool Valid(ScenarioWorld w)
    {
        var anyCommit = false;
        for (var node = 0; node <= Participants; node++)
        {
            anyCommit |= w.DecisionOf(node) == Outcome.Commit;
        }

        if (!anyCommit)
        {
            return true;
        }

        // A yes vote is PREPARED in the log; a read-only participant has nothing to object to.
        for (var p = 1; p <= Participants; p++)
        {
            if (!w.Logged(p, LogRecordKind.Prepared) && !contexts[p].ReadOnly)
            {
                return false;
            }
        }

        return true;
    }

    private ScenarioWorld Initial()
    {
        var w = new ScenarioWorld(NodeNames.Length);
        for (var node = 0; node < NodeNames.Length; node++)
        {
            w.Up |= 1UL << node;
        }

        for (var node = 0; node < NodeNames.Length; node++)
        {
            var outbox = Begin(node);
            w.Volatile[node] = roles[node].Start(contexts[node], outbox);
            Run(w, node, outbox);
        }

        return w;
    }

    private Transition<ScenarioState> Step(ScenarioAction action, ScenarioWorld w) =>
        new(ScenarioActions.Encode(action), new ScenarioState(Apply(w, action)));

    /// <summary>A timer in a quiet world; a retry that, played out without faults, changes nothing is a step to the same world.</summary>
    private Transition<ScenarioState> TimerStep(ScenarioWorld w, int node, TimerKind timer)
    {
        var action = new ScenarioAction(ScenarioActionKind.Timer, Node: node, Timer: timer);
        var next = Apply(w, action);
        var unchanged = Settle(next) is { } settled && (settled.Equals(w) || (Scenario.Protocol == ProtocolKind.PaxosCommit && SameBallotsAside(settled, w)));
        return new(ScenarioActions.Encode(action), new ScenarioState(unchanged ? w : next));
    }

    /// <summary>
    /// Paxos Commit's retry is a new, higher ballot: played out, it changes ballot numbers, rounds and the
    /// BALLOT, PROMISED and ACCEPTED records even when it chooses nothing new (a majority of acceptors is
    /// down). Such a retry is a step that changes nothing, as 2PC's fruitless question to a crashed L is;
    /// otherwise every blocked world would lead to ballot after ballot without end. Equal here means: the
    /// same nodes up, phases, decisions, locks, links, faults, messages, acceptors' accepted values,
    /// values known chosen, and logs once those three bookkeeping records are left out.
    /// </summary>
    private bool SameBallotsAside(ScenarioWorld a, ScenarioWorld b)
    {
        // Timers are left out: a fruitless ballot also stops L's round-0 resends, and those are fruitless too.
        if (a.Up != b.Up || a.Decisions != b.Decisions || a.Locks != b.Locks || a.CutPairs != b.CutPairs
            || a.Used != b.Used || !a.InFlight.AsSpan().SequenceEqual(b.InFlight) || a.AnyPending || b.AnyPending)
        {
            return false;
        }

        for (var node = 0; node < a.Nodes; node++)
        {
            if (a.PhaseOf(node) != b.PhaseOf(node) || WithoutBallots(a.LogOf(node)) != WithoutBallots(b.LogOf(node)))
            {
                return false;
            }

            var same = (a.Volatile[node], b.Volatile[node]) switch
            {
                (PaxosAcceptorState x, PaxosAcceptorState y) => x.SatOut == y.SatOut && x.Slots.Select(slot => slot.Value).SequenceEqual(y.Slots.Select(slot => slot.Value)),
                (PaxosCommitLeaderState x, PaxosCommitLeaderState y) => x.Decision == y.Decision && SameChosen(x.Ballot, y.Ballot),
                (PaxosCommitParticipantState x, PaxosCommitParticipantState y) => SameChosen(x.Ballot, y.Ballot),
                (null, null) => true,
                _ => false,
            };
            if (!same)
            {
                return false;
            }
        }

        return true;
    }

    private static string WithoutBallots(IReadOnlyList<LogRecordKind> log) =>
        string.Concat(log.Where(r => r is not (LogRecordKind.Ballot or LogRecordKind.Promised or LogRecordKind.Accepted)).Select(r => (char)('a' + (int)r)));

    /// <summary>Whether two ballots (null: none led yet, so nothing known chosen) know the same values chosen.</summary>
    private bool SameChosen(PaxosBallot? x, PaxosBallot? y)
    {
        for (var i = 0; i < Participants; i++)
        {
            if ((x?.Instances[i].Chosen ?? Outcome.None) != (y?.Instances[i].Chosen ?? Outcome.None))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Plays a world out with no fault and no timer: carry on, deliver, in a fixed order, until quiet.</summary>
    private ScenarioWorld? Settle(ScenarioWorld w)
    {
        for (var step = 0; step < SettleSteps; step++)
        {
            var pendingNode = -1;
            for (var node = 0; node < w.Nodes && pendingNode < 0; node++)
            {
                pendingNode = w.HasPending(node) ? node : -1;
            }

            if (pendingNode >= 0)
            {
                w = Apply(w, new ScenarioAction(ScenarioActionKind.Continue, Node: pendingNode));
            }
            else if (w.InFlight.Length > 0)
            {
                w = Apply(w, new ScenarioAction(ScenarioActionKind.Deliver, ScenarioActions.Unpack(w.InFlight[0])));
            }
            else
            {
                return w;
            }
        }

        return null;
    }

    private static Outbox Begin(int node)
    {
        var outbox = threadOutbox ??= new Outbox();
        outbox.Clear();
        outbox.Self = node;
        return outbox;
    }

    private void Run(ScenarioWorld w, int node, Outbox outbox) => Run(w, node, outbox.From(0));

    /// <summary>Carries out effects in order; after a forced log write the rest waits for <see cref="ScenarioActionKind.Continue"/>.</summary>
    private void Run(ScenarioWorld w, int node, ReadOnlySpan<Effect> effects)
    {
        for (var i = 0; i < effects.Length; i++)
        {
            var e = effects[i];
            switch (e.Kind)
            {
                case EffectKind.Send:
                    Send(w, e.Message);
                    break;
                case EffectKind.SetTimer:
                    w.Timers |= ScenarioWorld.TimerBit(node, e.Timer);
                    break;
                case EffectKind.CancelTimer:
                    w.Timers &= ~ScenarioWorld.TimerBit(node, e.Timer);
                    break;
                case EffectKind.Append:
                    Append(w, node, e.Record);
                    if (e.Forced && i + 1 < effects.Length)
                    {
                        w.Pending[node] = effects[(i + 1)..].ToArray();
                        return;
                    }

                    break;
                case EffectKind.Decide:
                    Decide(w, node, e.Decision);
                    break;
                case EffectKind.Enter when e.State is Phase.Committed or Phase.Aborted && node <= Participants && w.DecisionOf(node) == Outcome.None:
                    // As the simulator does: a decision found in the log on recovery counts from then on.
                    Decide(w, node, e.State == Phase.Committed ? Outcome.Commit : Outcome.Abort);
                    break;
                case EffectKind.Acquire:
                    w.Locks |= 1UL << node;
                    break;
                case EffectKind.ReleaseAll:
                    w.Locks &= ~(1UL << node);
                    break;
            }
        }
    }

    private static void Append(ScenarioWorld w, int node, LogRecordKind record)
    {
        var log = w.Logs[node];
        var shift = 0;
        while (shift < 64 && ((log >> shift) & 15) != 0)
        {
            shift += 4;
        }

        EngineInvariantException.Check(shift < 64, "an explored node's log holds at most 16 records; node, records", node, 16);
        w.Logs[node] = log | (((ulong)record + 1) << shift);
    }

    private static void Decide(ScenarioWorld w, int node, Outcome decision)
    {
        EngineInvariantException.Check(
            w.DecisionOf(node) == Outcome.None || w.DecisionOf(node) == decision,
            "a decided node must never change its decision; node, new decision", node, (long)decision);
        w.Decisions = (w.Decisions & ~(3UL << (2 * node))) | ((ulong)decision << (2 * node));
    }

    private void Send(ScenarioWorld w, in Message m)
    {
        if (w.LinkCut(m.From, m.To))
        {
            return; // lost on a cut link, as the simulator drops it at once
        }

        if (!w.IsUp(m.To) && w.UsedOf(RecoveryBudget) >= Budgets.Recoveries)
        {
            return; // the receiver can never come back to read it
        }

        EngineInvariantException.Check(ScenarioActions.Packable(m), "an explored message keeps its instance below 16 and its ballots below 65536; ballot, accepted", m.Ballot, m.Accepted);
        var packed = ScenarioActions.Pack(m);
        var at = Array.BinarySearch(w.InFlight, packed);
        if (at >= 0)
        {
            return;
        }

        EngineInvariantException.Check(w.InFlight.Length < maxInFlight, "the explorer keeps a bounded number of distinct messages in flight; in flight, most", w.InFlight.Length, maxInFlight);
        var grown = new ulong[w.InFlight.Length + 1];
        at = ~at;
        w.InFlight.AsSpan(0, at).CopyTo(grown);
        grown[at] = packed;
        w.InFlight.AsSpan(at).CopyTo(grown.AsSpan(at + 1));
        w.InFlight = grown;
    }

    private static void Remove(ScenarioWorld w, ulong packed)
    {
        var at = Array.BinarySearch(w.InFlight, packed);
        if (at < 0)
        {
            return;
        }

        var shrunk = new ulong[w.InFlight.Length - 1];
        w.InFlight.AsSpan(0, at).CopyTo(shrunk);
        w.InFlight.AsSpan(at + 1).CopyTo(shrunk.AsSpan(at));
        w.InFlight = shrunk;
    }

    private void Crash(ScenarioWorld w, int node)
    {
        w.Up &= ~(1UL << node);
        w.Spend(CrashBudget);
        w.Volatile[node] = null;
        w.Pending[node] = null;
        w.Locks &= ~(1UL << node);
        w.Timers &= ~(15UL << (4 * node));
        if (w.UsedOf(RecoveryBudget) >= Budgets.Recoveries)
        {
            w.InFlight = w.InFlight.Where(packed => ScenarioActions.Unpack(packed).To != node).ToArray();
        }
    }

    private static bool OnLink(in Message m, int a, int b) => (m.From == a && m.To == b) || (m.From == b && m.To == a);

    /// <summary>The nodes that look dead to <paramref name="observer"/>: crashed, or (timeout detector) behind a cut link.</summary>
    private ulong LooksDead(ScenarioWorld w, int observer)
    {
        var mask = 0UL;
        for (var target = 0; target < w.Nodes; target++)
        {
            if (target != observer && (!w.IsUp(target) || (Scenario.FailureDetector == DetectorKind.Timeout && w.LinkCut(target, observer))))
            {
                mask |= 1UL << target;
            }
        }

        return mask;
    }

    private bool DetectorBehind(ScenarioWorld w)
    {
        for (var observer = 0; observer < w.Nodes; observer++)
        {
            if ((LooksDead(w, observer) & ~w.Suspected[observer]) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every suspicion due is confirmed at once, then each live observer is told, in node order (the simulator's order at one tick).</summary>
    private void Detect(ScenarioWorld w)
    {
        var told = 0UL;
        for (var observer = 0; observer < w.Nodes; observer++)
        {
            var fresh = LooksDead(w, observer) & ~w.Suspected[observer];
            if (fresh != 0)
            {
                w.Suspected[observer] |= fresh;
                told |= 1UL << observer;
            }
        }

        Notify(w, told);
    }

    /// <summary>A node that looks alive again stops being suspected at once (the simulator's order: the unsuspicion, then the handler).</summary>
    private void Unsuspect(ScenarioWorld w)
    {
        if (!tracksDetector)
        {
            return;
        }

        var told = 0UL;
        for (var observer = 0; observer < w.Nodes; observer++)
        {
            var gone = w.Suspected[observer] & ~LooksDead(w, observer);
            if (gone != 0)
            {
                w.Suspected[observer] &= ~gone;
                told |= 1UL << observer;
            }
        }

        Notify(w, told);
    }

    private void Notify(ScenarioWorld w, ulong observers)
    {
        for (var observer = 0; observer < w.Nodes; observer++)
        {
            if ((observers & (1UL << observer)) != 0 && w.Volatile[observer] is { } state && !w.HasPending(observer))
            {
                var outbox = Begin(observer);
                w.Volatile[observer] = roles[observer].OnSuspicion(contexts[observer], state, w.Suspected[observer], outbox);
                Run(w, observer, outbox);
            }
        }
    }

    private static string TimerText(TimerKind timer) => timer switch
    {
        TimerKind.Vote => "vote",
        TimerKind.Resend => "resend",
        TimerKind.Decision => "decision",
        _ => "prepare",
    };
}
