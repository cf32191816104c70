using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>A counterexample turned into a scenario the ordinary simulator plays, and how that run ended.</summary>
/// <param name="Scenario">The scenario: the explored one's protocol and settings, fixed latency, long timeouts, and the faults that force the path.</param>
/// <param name="Result">How the scenario's run ends when played from the start.</param>
/// <param name="Reproduced">The run went through the path's states in order and ended as the property says (a violation, or blocked).</param>
/// <param name="Problem">Why it did not, in words; null when it did.</param>
/// <param name="PathEvents">Events the run has processed when the path's last state is reached: where a viewer opens it.</param>
/// <param name="PathTick">The clock at that moment.</param>
public sealed record ReplayedCounterexample(Scenario Scenario, RunResult Result, bool Reproduced, string? Problem, long PathEvents = 0, long PathTick = 0)
{
    /// <summary>The scenario as a file: <c>commitlab run</c> and the Lab read it.</summary>
    public string Yaml => ScenarioWriter.ToYaml(Scenario);
}

/// <summary>
/// Turns an explorer path into a scenario file. The simulator is driven alongside the path, one
/// step at a time: faults are injected where the path takes them, messages the path does not want
/// yet are delayed, copies the explorer's message set merged are dropped, and after every step the
/// run's nodes, logs, links and messages must match the path's state. Injected faults are recorded
/// by event count (<c>afterEvent</c>), so the scenario replays the very same run from the start.
/// </summary>
public static class CounterexampleReplay
{
    /// <summary>Message latency in the replay: fixed, so the order of arrivals is the order of sends unless delayed.</summary>
    public const int LatencyTicks = 10;

    /// <summary>Timeouts in the replay: long next to latency, as the explorer assumes; they fire only when the path fires them.</summary>
    public const int TimeoutTicks = 20_000;

    /// <summary>The failure detector's delay in the replay.</summary>
    public const int DetectorTicks = 1_000;

    private const int EventsPerStep = 5_000;

    /// <summary>Plays <paramref name="counterexample"/> of <paramref name="property"/> in the simulator and writes it down as a scenario.</summary>
    public static ReplayedCounterexample Replay(ScenarioModel model, string property, Counterexample counterexample)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(counterexample);
        // A broken invariant is a violation the monitors report; a bad terminal state is a run left blocked.
        var kind = model.Properties.FirstOrDefault(candidate => candidate.Name == property)?.Kind
            ?? throw new ArgumentException($"the model has no property '{property}'", nameof(property));
        var expected = kind == PropertyKind.Terminal ? RunOutcome.Blocked : RunOutcome.Violation;
        var source = model.Scenario;
        var baseScenario = source with
        {
            Title = $"Explorer: {property} broken ({model.Name})",
            Network = new NetworkSettings(LatencyTicks, LatencyTicks, 0.0),
            Timeouts = new TimeoutSettings(TimeoutTicks, TimeoutTicks, TimeoutTicks, DetectorTicks, source.Timeouts.Prepare is null ? null : TimeoutTicks),
            ForcedWriteTicks = 1,
            MaxTicks = Scenario.MaxTicksLimit,
            MaxEvents = Scenario.DefaultMaxEvents,
            Faults = ImmutableArray<ScheduledFault>.Empty,
            Expect = new Expectation(expected, null),
        };

        var sim = Simulator.Create(baseScenario);
        var world = model.InitialStates[0].World;
        string? problem = Matches(model, sim, world) ? null : "the simulator does not start where the explorer does";
        for (var i = 1; i < counterexample.Steps.Count && problem is null; i++)
        {
            var step = counterexample.Steps[i];
            var action = ScenarioActions.Decode(step.Code ?? throw new ArgumentException("the counterexample carries no action codes", nameof(counterexample)));
            world = model.Apply(world, action);
            problem = Drive(model, sim, action, world) is { } why ? $"step {i} ({step.Action}): {why}" : null;
        }

        var recorded = sim.Recorded();
        var result = Simulator.Run(recorded); // the final check needs only how the run ended
        if (problem is null && result.Outcome != expected)
        {
            problem = $"the replayed run ended {result.Outcome.ToString().ToLowerInvariant()}, not {expected.ToString().ToLowerInvariant()}";
        }

        return new ReplayedCounterexample(recorded, result, problem is null, problem, sim.Events, sim.Tick);
    }

    /// <summary>Makes the simulator take one step of the path; returns why it could not, or null.</summary>
    private static string? Drive(ScenarioModel model, Simulator sim, ScenarioAction action, ScenarioWorld target)
    {
        var names = sim.NodeNames;
        long? keep = null;
        long horizon;
        switch (action.Kind)
        {
            case ScenarioActionKind.Deliver:
                var copies = Copies(sim, action.Message);
                if (copies.Count == 0)
                {
                    return $"{model.MessageText(action.Message)} is not in flight in the simulator";
                }

                keep = copies[0].Id;
                // A forced write the message causes completes one tick later; nothing may arrive before that.
                horizon = copies[0].DeliverAt + 1;
                // The explorer keeps one copy of a message; the simulator's others would arrive twice.
                foreach (var copy in copies.Skip(1))
                {
                    sim.Inject(new FaultAction.Drop(copy.Id));
                }

                break;

            case ScenarioActionKind.Lose:
                foreach (var copy in Copies(sim, action.Message))
                {
                    sim.Inject(new FaultAction.Drop(copy.Id));
                }

                return Matches(model, sim, target) ? null : "the simulator differs after losing the message";

            case ScenarioActionKind.Timer:
                var due = sim.State().Nodes[action.Node].Timers[(int)action.Timer];
                if (due < 0)
                {
                    return "the timer is not running in the simulator";
                }

                horizon = due + 2;
                break;

            case ScenarioActionKind.Detect:
                horizon = sim.Tick + DetectorTicks + 2;
                break;

            case ScenarioActionKind.Crash:
                sim.Inject(new FaultAction.Crash(names[action.Node]));
                return Settle(model, sim, target, sim.Tick + 2);

            case ScenarioActionKind.Recover:
                sim.Inject(new FaultAction.Recover(names[action.Node]));
                return Settle(model, sim, target, sim.Tick + 2);

            case ScenarioActionKind.Cut:
                sim.Inject(new FaultAction.Cut(names[action.Node], names[action.Peer], BothWays: true));
                return Settle(model, sim, target, sim.Tick + 2);

            case ScenarioActionKind.Heal:
                sim.Inject(new FaultAction.Heal(names[action.Node], names[action.Peer], BothWays: true));
                return Settle(model, sim, target, sim.Tick + 2);

            default:
                // Carrying on is queued at this very tick: only what arrives at this tick could come first.
                horizon = sim.Tick;
                break;
        }

        Hold(sim, keep, horizon);
        return Settle(model, sim, target, horizon, keep);
    }

    /// <summary>Runs the simulator event by event until it matches the path's state; nothing it holds back arrives first.</summary>
    private static string? Settle(ScenarioModel model, Simulator sim, ScenarioWorld target, long horizon, long? keep = null)
    {
        for (var events = 0; events < EventsPerStep; events++)
        {
            if (Matches(model, sim, target))
            {
                return null;
            }

            // Messages sent meanwhile that would land before the step completes wait too.
            Hold(sim, keep, horizon, onlyAfter: sim.Tick);
            if (!sim.Step())
            {
                break;
            }
        }

        return Matches(model, sim, target) ? null : $"the simulator did not reach the explorer's state (at t={sim.Tick})";
    }

    /// <summary>Delays every message in flight (but <paramref name="keep"/>) that would arrive by <paramref name="horizon"/> until just after it.</summary>
    private static void Hold(Simulator sim, long? keep, long horizon, long onlyAfter = -1)
    {
        foreach (var flight in sim.State().InFlight.AsSpan())
        {
            if (flight.Id != keep && flight.DeliverAt <= horizon && flight.SentAt >= onlyAfter && !flight.Lost)
            {
                sim.Inject(new FaultAction.Delay((int)(horizon + 1 - flight.DeliverAt), flight.Id));
            }
        }
    }

    private static List<MessageWorld> Copies(Simulator sim, Message message)
    {
        var copies = new List<MessageWorld>();
        foreach (var flight in sim.State().InFlight.AsSpan())
        {
            if (flight.Message == message && !flight.Lost)
            {
                copies.Add(flight);
            }
        }

        copies.Sort((a, b) => a.DeliverAt != b.DeliverAt ? a.DeliverAt.CompareTo(b.DeliverAt) : a.Id.CompareTo(b.Id));
        return copies;
    }

    /// <summary>Whether the run now shows the path's state: who is up, phases, decisions, logs, suspicions, links and the messages live nodes will get.</summary>
    private static bool Matches(ScenarioModel model, Simulator sim, ScenarioWorld target)
    {
        var state = sim.State();
        var tracksDetector = model.Scenario.Protocol == ProtocolKind.ThreePhase;
        for (var node = 0; node < target.Nodes; node++)
        {
            var n = state.Nodes[node];
            if (n.Up != target.IsUp(node) || n.Decision != target.DecisionOf(node) || n.BusyUntil > state.Tick)
            {
                return false;
            }

            // While carrying on, the role's new phase is ahead of the one the simulator shows: its Enter waits behind the write.
            if (n.Up && (n.CarryingOn != target.HasPending(node) || (!n.CarryingOn && n.Phase != target.PhaseOf(node)) || (tracksDetector && n.Suspects != target.Suspected[node])))
            {
                return false;
            }

            var log = target.LogOf(node);
            if (n.Log.Count != log.Count)
            {
                return false;
            }

            for (var i = 0; i < log.Count; i++)
            {
                if (n.Log[i].Record != log[i])
                {
                    return false;
                }
            }

            for (var peer = node + 1; peer < target.Nodes; peer++)
            {
                if (state.LinkUp(node, peer) == target.LinkCut(node, peer) || state.LinkUp(peer, node) == target.LinkCut(node, peer))
                {
                    return false;
                }
            }
        }

        var running = new SortedSet<ulong>();
        foreach (var flight in state.InFlight.AsSpan())
        {
            if (!flight.Lost && target.IsUp(flight.Message.To))
            {
                running.Add(ScenarioActions.Pack(flight.Message));
            }
        }

        var wanted = new SortedSet<ulong>();
        foreach (var packed in target.InFlight)
        {
            if (target.IsUp(ScenarioActions.Unpack(packed).To))
            {
                wanted.Add(packed);
            }
        }

        return running.SetEquals(wanted);
    }
}
