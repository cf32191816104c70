using System.Collections.Immutable;
using CommitLab.Cli;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Protocols.ThreePhase;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Protocols;

namespace CommitLab.Engine.Tests.Simulation;

/// <summary>
/// The run's state as one value: equal states (however they were reached) compare equal and share a
/// fingerprint; a change to any one field changes both.
/// </summary>
public class WorldStateTests
{
    /// <summary>
    /// Presumed abort, P3 votes no, every message takes exactly 10 ticks: L's two ABORTs reach P1 and
    /// P2 at the same tick, and neither answers (the presumed outcome is never acknowledged).
    /// </summary>
    private static Simulator AbortsInFlight()
    {
        var scenario = Runs.TwoPc(3) with
        {
            Presume = Presumption.Abort,
            NoVoters = ["P3"],
            Network = new NetworkSettings(10, 10, 0),
        };
        var sim = Simulator.Create(scenario);
        while (sim.Snapshot().InFlight.Count(m => m.Kind == MessageKind.Abort) < 2)
        {
            Assert.True(sim.Step());
        }

        return sim;
    }

    [Fact]
    public void Two_deliveries_to_different_nodes_in_either_order_reach_the_same_state_and_fingerprint()
    {
        var inOrder = AbortsInFlight();
        var reversed = AbortsInFlight();
        var aborts = reversed.Snapshot().InFlight.Where(m => m.Kind == MessageKind.Abort && m.To != "P3").ToList();
        Assert.Equal(["P1", "P2"], aborts.Select(m => m.To));
        Assert.Equal(aborts[0].DeliverAt, aborts[1].DeliverAt);

        // Everything due at that tick except the ABORT to P2 goes behind it: P2 now hears first.
        foreach (var other in reversed.Snapshot().InFlight.Where(m => m.DeliverAt == aborts[0].DeliverAt && m.Id != aborts[1].Id))
        {
            reversed.Requeue(other.Id);
        }

        var before = inOrder.Trace.Count;
        inOrder.RunUntil(aborts[0].DeliverAt);
        reversed.RunUntil(aborts[0].DeliverAt);

        Assert.Equal(["P1 decides abort", "P2 decides abort"], Decisions(inOrder, before));
        Assert.Equal(["P2 decides abort", "P1 decides abort"], Decisions(reversed, before));
        Assert.Equal(inOrder.State(), reversed.State());
        Assert.Equal(inOrder.State().Fingerprint(), reversed.State().Fingerprint());
    }

    [Fact]
    public void Building_the_state_twice_gives_equal_values_and_fingerprints()
    {
        var sim = Simulator.Create(Runs.ThreePc(9));
        sim.RunUntilEvent(40);

        Assert.Equal(sim.State(), sim.State());
        Assert.Equal(sim.State().GetHashCode(), sim.State().GetHashCode());
        Assert.Equal(sim.State().Fingerprint(), sim.State().Fingerprint());
    }

    [Fact]
    public void Changing_any_one_field_changes_equality_and_the_fingerprint()
    {
        var sim = Simulator.Create(Runs.ThreePc(3).With(Runs.At(1, "partition L,P1,P2 | P3"), Runs.At(1, "freeze P2 for 50")));
        while (sim.State() is var now && (now.InFlight.Count == 0 || now.Nodes[1].Log.Count == 0))
        {
            Assert.True(sim.Step());
        }

        var state = sim.State();
        Assert.NotEmpty(state.InFlight);
        Assert.NotEmpty(state.Partition);
        var node = state.Nodes[1];
        Assert.NotEmpty(node.Log);
        Assert.NotEmpty(node.Locks);
        Assert.True(node.Timers.Count >= 3);
        var message = state.InFlight[0];
        var volatileState = (ThreePhaseParticipantState)node.Volatile!;

        var changed = new Dictionary<string, WorldState>
        {
            ["tick"] = state with { Tick = state.Tick + 1 },
            ["next message id"] = state with { NextMessageId = state.NextMessageId + 1 },
            ["prng"] = state with { Prng = state.Prng with { S2 = state.Prng.S2 ^ 1 } },
            ["link"] = state with { Links = state.Links.Items.SetItem(0, state.Links[0] ^ 2) },
            ["partition"] = state with { Partition = ImmutableArray<ValueList<string>>.Empty },
            ["message arrival"] = WithMessage(state, message with { DeliverAt = message.DeliverAt + 1 }),
            ["message sent"] = WithMessage(state, message with { SentAt = message.SentAt - 1 }),
            ["message lost"] = WithMessage(state, message with { Lost = !message.Lost }),
            ["message id"] = WithMessage(state, message with { Id = message.Id + 100 }),
            ["message kind"] = WithMessage(state, message with { Message = message.Message with { Kind = MessageKind.Abort } }),
            ["message to"] = WithMessage(state, message with { Message = message.Message with { To = 3 } }),
            ["up"] = WithNode(state, node with { Up = !node.Up }),
            ["phase"] = WithNode(state, node with { Phase = Phase.Aborted }),
            ["decision"] = WithNode(state, node with { Decision = Outcome.Abort }),
            ["votes no"] = WithNode(state, node with { VotesNo = !node.VotesNo }),
            ["frozen until"] = WithNode(state, node with { FrozenUntil = 99 }),
            ["busy until"] = WithNode(state, node with { BusyUntil = 99 }),
            ["carrying on"] = WithNode(state, node with { CarryingOn = !node.CarryingOn }),
            ["log entry tick"] = WithNode(state, node with { Log = node.Log.Items.SetItem(0, node.Log[0] with { Tick = node.Log[0].Tick + 1 }) }),
            ["log entry forced"] = WithNode(state, node with { Log = node.Log.Items.SetItem(0, node.Log[0] with { Forced = !node.Log[0].Forced }) }),
            ["log grows"] = WithNode(state, node with { Log = node.Log.Items.Add(new LogEntry(LogRecordKind.Commit, true, 30)) }),
            ["lock"] = WithNode(state, node with { Locks = node.Locks.Items.Add(new LockHold("T2", 3)) }),
            ["timer"] = WithNode(state, node with { Timers = node.Timers.Items.SetItem(0, node.Timers[0] + 1) }),
            ["log checkpoint"] = WithNode(state, node with { Log = node.Log.Items.SetItem(0, node.Log[0] with { Saved = new Checkpoint(CommitLab.Engine.Tahoe.WriterState.Initial, "begin W1 try 1") }) }),
            ["message payload"] = WithMessage(state, message with { Message = message.Message with { Body = new CommitLab.Engine.Tahoe.TahoePayload(1) } }),
            ["suspects"] = WithNode(state, node with { Suspects = node.Suspects ^ 1 }),
            ["looks dead"] = WithNode(state, node with { LooksDead = node.LooksDead ^ 1 }),
            ["pending effect"] = WithNode(state, node with { Pending = ImmutableArray.Create(new Effect(EffectKind.Decide, Decision: Outcome.Commit)) }),
            ["volatile state"] = WithNode(state, node with { Volatile = volatileState with { Leading = !volatileState.Leading } }),
            ["volatile lost"] = WithNode(state, node with { Volatile = null }),
            ["another node"] = state with { Nodes = state.Nodes.Items.SetItem(2, state.Nodes[2] with { FrozenUntil = 1234 }) },

            // Fields that share a word with others in the fingerprint, each changed alone.
            ["second timer"] = WithNode(state, node with { Timers = node.Timers.Items.SetItem(1, node.Timers[1] + 1) }),
            ["last timer"] = WithNode(state, node with { Timers = node.Timers.Items.SetItem(node.Timers.Count - 1, node.Timers[^1] + 7) }),
            ["log entry record"] = WithNode(state, node with { Log = node.Log.Items.SetItem(0, node.Log[0] with { Record = LogRecordKind.Abort }) }),
            ["lock since"] = WithNode(state, node with { Locks = node.Locks.Items.SetItem(0, node.Locks[0] with { Since = node.Locks[0].Since + 1 }) }),
            ["lock name"] = WithNode(state, node with { Locks = node.Locks.Items.SetItem(0, node.Locks[0] with { Resource = "T9" }) }),
            ["message from"] = WithMessage(state, message with { Message = message.Message with { From = 3 } }),
            ["message decision"] = WithMessage(state, message with { Message = message.Message with { Decision = Outcome.Commit } }),
            ["message state"] = WithMessage(state, message with { Message = message.Message with { State = Phase.PreCommitted } }),
            ["message from recovery"] = WithMessage(state, message with { Message = message.Message with { FromRecovery = !message.Message.FromRecovery } }),
            ["last message arrival"] = state with { InFlight = state.InFlight.Items.SetItem(state.InFlight.Count - 1, state.InFlight[^1] with { DeliverAt = state.InFlight[^1].DeliverAt + 3 }) },
            ["two nodes swapped"] = state with { Nodes = state.Nodes.Items.SetItem(0, state.Nodes[3]).SetItem(3, state.Nodes[0]) },
            ["recovered"] = WithNode(state, node with { Volatile = volatileState with { Recovered = !volatileState.Recovered } }),
            ["pre-commit sent"] = WithNode(state, node with { Volatile = volatileState with { PreCommitSent = !volatileState.PreCommitSent } }),
            ["coordinator lost"] = WithNode(state, node with { Volatile = volatileState with { CoordinatorLost = !volatileState.CoordinatorLost } }),
            ["reported"] = WithNode(state, node with { Volatile = volatileState with { Reported = volatileState.Reported ^ 2 } }),
            ["reported pre-committed"] = WithNode(state, node with { Volatile = volatileState with { ReportedPreCommitted = volatileState.ReportedPreCommitted ^ 2 } }),
            ["reported trusted"] = WithNode(state, node with { Volatile = volatileState with { ReportedTrusted = volatileState.ReportedTrusted ^ 2 } }),
            ["pre-commit acked"] = WithNode(state, node with { Volatile = volatileState with { PreCommitAcked = volatileState.PreCommitAcked ^ 2 } }),
        };

        // A waiting effect is one word of its kind and the fields that kind uses: each of them, alone.
        Effect[] effects =
        [
            new(EffectKind.Send, Message: new Message(MessageKind.Ack, 1, 0)),
            new(EffectKind.Send, Message: new Message(MessageKind.Ack, 1, 2)),
            new(EffectKind.Send, Message: new Message(MessageKind.StateReport, 1, 0, State: Phase.Uncertain)),
            new(EffectKind.Send, Message: new Message(MessageKind.StateReport, 1, 0, State: Phase.PreCommitted)),
            new(EffectKind.Send, Message: new Message(MessageKind.Ack, 1, 0, FromRecovery: true)),
            new(EffectKind.Send, Message: new Message(MessageKind.Ack, 1, 0, Body: new CommitLab.Engine.Tahoe.TahoePayload(1))),
            new(EffectKind.SetTimer, Timer: TimerKind.Decision, Delay: 300),
            new(EffectKind.SetTimer, Timer: TimerKind.Decision, Delay: 301),
            new(EffectKind.SetTimer, Timer: TimerKind.Resend, Delay: 300),
            new(EffectKind.SetTimer, Timer: TimerKind.Decision, Delay: 300, Jitter: 5),
            new(EffectKind.CancelTimer, Timer: TimerKind.Decision),
            new(EffectKind.CancelTimer, Timer: TimerKind.Resend),
            new(EffectKind.Append, Record: LogRecordKind.PreCommit, Forced: true),
            new(EffectKind.Append, Record: LogRecordKind.PreCommit, Forced: false),
            new(EffectKind.Append, Record: LogRecordKind.Commit, Forced: true),
            new(EffectKind.Append, Record: LogRecordKind.Checkpoint, Forced: true, Data: new Checkpoint(CommitLab.Engine.Tahoe.WriterState.Initial, "begin")),
            new(EffectKind.Decide, Decision: Outcome.Abort),
            new(EffectKind.Enter, State: Phase.PreCommitted),
            new(EffectKind.Enter, State: Phase.Committed),
            new(EffectKind.Acquire, Data: "T1"),
            new(EffectKind.Acquire, Data: "T2"),
            new(EffectKind.ReleaseAll),
        ];
        foreach (var effect in effects)
        {
            changed[$"pending {effect}"] = WithNode(state, node with { Pending = ImmutableArray.Create(effect) });
        }

        var fingerprints = new HashSet<ulong> { state.Fingerprint() };
        foreach (var (field, other) in changed)
        {
            Assert.True(other != state, field);
            Assert.True(fingerprints.Add(other.Fingerprint()), $"changing {field} left a fingerprint seen before");
        }
    }

    [Theory]
    [InlineData(ProtocolKind.TwoPhase)]
    [InlineData(ProtocolKind.ThreePhase)]
    public void The_fingerprint_of_a_built_state_is_that_of_its_lists_at_every_step_of_faulty_runs(ProtocolKind protocol)
    {
        // A state the simulator builds hands over the fingerprints of each node's log, locks and
        // waiting effects as it kept them while they changed; the same state rebuilt from the bare
        // lists must fingerprint the same. Crashes drop locks and effects, recoveries take locks
        // again, and forced writes park effects that are then carried out one at a time.
        ImmutableSortedSet<FaultKind> kinds = [.. Enum.GetValues<FaultKind>()];
        var (crashes, partlyCarriedOut, relocked) = (0, 0, 0);
        for (ulong seed = 0; seed < 120; seed++)
        {
            var sim = Simulator.Create(new Scenario { Protocol = protocol, Participants = 4, Seed = seed, Faults = FaultPlan.Generate(seed, protocol, 4, kinds) });
            var lockedBefore = new bool[6];
            var crashed = new bool[6];
            do
            {
                var state = sim.State();
                var bare = Bare(state);
                Assert.True(bare == state && bare.Fingerprint() == state.Fingerprint(), $"seed {seed}, event {sim.Events}");
                for (var i = 0; i < state.Nodes.Count; i++)
                {
                    var node = state.Nodes[i];
                    crashes += !node.Up && !crashed[i] ? 1 : 0;
                    crashed[i] |= !node.Up;
                    partlyCarriedOut += node.CarryingOn && node.Pending.Count > 0 ? 1 : 0;
                    relocked += crashed[i] && node.Up && node.Locks.Count > 0 && !lockedBefore[i] ? 1 : 0;
                    lockedBefore[i] = node.Locks.Count > 0;
                }
            }
            while (sim.Step());
        }

        Assert.True(crashes > 0 && partlyCarriedOut > 0 && relocked > 0, $"crashes {crashes}, partly carried out {partlyCarriedOut}, locks taken again {relocked}");
    }

    /// <summary>The same state with every list built from its elements alone, so nothing it carries is trusted.</summary>
    private static WorldState Bare(WorldState state) => state with
    {
        Nodes = state.Nodes.Select(n => n with { Log = n.Log.Items, Locks = n.Locks.Items, Pending = n.Pending.Items }).ToImmutableArray(),
    };

    [Fact]
    public void The_fingerprint_is_the_same_number_in_every_process()
    {
        // Pinned: a fingerprint that changed between processes or versions could not be stored.
        var sim = Simulator.Create(Runs.ThreePc(9));
        sim.RunUntilEvent(40);

        // It changed twice: when the fingerprint was rewritten to pack small fields into fewer words,
        // and when a node's log, locks and waiting effects became one word, their fingerprints kept
        // by the simulator as the lists change (see docs/performance.md).
        Assert.Equal(10008216481016999655UL, sim.State().Fingerprint());
    }

    [Fact]
    public void The_snapshot_is_drawn_from_the_state()
    {
        var sim = Simulator.Create(Runs.TwoPc(3).With(Runs.At(15, "cut L->P2")));
        sim.RunUntil(40);
        var state = sim.State();
        var snapshot = sim.Snapshot();

        Assert.Equal(state.Tick, snapshot.Tick);
        Assert.Equal(state.InFlight.Select(m => m.Id), snapshot.InFlight.Select(m => m.Id));
        Assert.Equal(state.Nodes.Select(n => n.Phase), snapshot.Nodes.Select(n => n.Phase));
        Assert.False(state.LinkUp(0, 2));
        Assert.False(snapshot.Links.Single(l => l.From == "L" && l.To == "P2").Up);
    }

    private static WorldState WithNode(WorldState state, NodeWorld node) => state with { Nodes = state.Nodes.Items.SetItem(1, node) };

    private static WorldState WithMessage(WorldState state, MessageWorld message) => state with { InFlight = state.InFlight.Items.SetItem(0, message) };

    private static List<string> Decisions(Simulator sim, int from) => sim.Lines().Skip(from).Where(l => l.Contains(" decides ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]).ToList();
}
