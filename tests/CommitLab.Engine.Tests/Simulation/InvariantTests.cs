using System.Collections.Immutable;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tests.Simulation;

/// <summary>
/// The engine's assertions: what must always hold fails loudly with <see cref="EngineInvariantException"/>.
/// Every run in every other test goes through the same checks, so a broken invariant fails the suite.
/// </summary>
public class InvariantTests
{
    [Fact]
    public void An_event_scheduled_before_one_already_processed_is_refused_when_it_comes_out()
    {
        var queue = new EventQueue();
        queue.Push(10, EventKind.Timer, 0);
        queue.Pop();
        queue.Push(9, EventKind.Timer, 0);

        var error = Assert.Throws<EngineInvariantException>(() => queue.Pop());

        Assert.StartsWith("Engine invariant broken: events must leave the queue in increasing (tick, sequence) order", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Events_at_the_same_tick_come_out_in_the_order_they_were_scheduled()
    {
        var queue = new EventQueue();
        queue.Push(5, EventKind.Timer, 1);
        queue.Push(5, EventKind.Timer, 2);
        queue.Push(3, EventKind.Timer, 3);

        Assert.Equal([3, 1, 2], new[] { queue.Pop().Node, queue.Pop().Node, queue.Pop().Node });
    }

    [Fact]
    public void A_trace_refuses_an_event_earlier_than_the_last()
    {
        var trace = new Trace(["L", "P1"]);
        trace.Add(new TraceEvent(0, 20, 3, TraceKind.Crash, 1));

        Assert.Throws<EngineInvariantException>(() => trace.Add(new TraceEvent(0, 19, 3, TraceKind.Recover, 1)));
        Assert.Throws<EngineInvariantException>(() => trace.Add(new TraceEvent(0, 20, 2, TraceKind.Recover, 1)));
        Assert.Equal(1, trace.Count);
    }

    [Fact]
    public void Every_shipped_commit_scenario_runs_to_its_end_without_breaking_an_invariant()
    {
        // RunToEnd throws EngineInvariantException on any broken rule; reaching the end is the assertion.
        var runs = Protocols.Runs.With(Protocols.Runs.TwoPc(9, seed: 7), Protocols.Runs.When("L logs commit", "crash L"), Protocols.Runs.At(400, "recover L"));

        var result = Simulator.Create(runs).RunToEnd();

        Assert.Equal(CommitLab.Engine.Scenarios.RunOutcome.Committed, result.Outcome);
    }
}
