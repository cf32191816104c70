using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Protocols;
using CommitLab.Engine.Tests.Scenarios;

namespace CommitLab.Engine.Tests.Simulation;

/// <summary>
/// The event bound: ticks alone do not bound a run's work, so every run stops after
/// <see cref="Scenario.MaxEvents"/> events and says so, at an exact, replayable point.
/// </summary>
public class EventLimitTests
{
    /// <summary>
    /// The run from the hardening report: nine participants blocked behind a crashed leader, asking
    /// each other every tick. About 160 events per tick; to t=30,000 it took seconds and gigabytes.
    /// </summary>
    public static Scenario BusyBlocked() => (Runs.TwoPc(9) with
    {
        Network = new NetworkSettings(1, 1, 0),
        Timeouts = new TimeoutSettings(Vote: 100_000, Decision: 1, Resend: 1, Detector: 1),
        MaxTicks = Scenario.MaxTicksLimit,
    }).With(Runs.When("L logs commit", "crash L"));

    [Fact]
    public void A_busy_run_stops_after_exactly_its_default_event_limit_and_says_so()
    {
        var sim = Simulator.Create(BusyBlocked());

        var result = sim.RunToEnd();

        Assert.Equal(Scenario.DefaultMaxEvents, result.Events);
        Assert.Equal(624, result.Ticks);
        Assert.Equal(RunOutcome.Blocked, result.Outcome);
        Assert.Equal(94_543, result.Messages.Sent);
        Assert.Equal("2e6432a5ea054aa0", result.TraceHash);
        Assert.True(result.HitEventLimit);
        Assert.Equal(
            "The run stopped after 100,000 events (its limit, maxEvents) at t=624, before it settled: timers and resends kept it busy. The outcome is judged as things stood then.",
            result.StopMessage);
        Assert.True(sim.Finished);
        Assert.Equal(result.StopMessage, sim.Snapshot().StopMessage);
    }

    [Fact]
    public void A_long_trace_hashed_while_it_grows_hashes_as_one_hashed_once_at_the_end()
    {
        var growing = Simulator.Create(BusyBlocked() with { MaxEvents = 30_000 });
        var along = new List<string>();
        foreach (var events in new[] { 1_000, 5_000, 5_001, 20_000 })
        {
            growing.RunUntilEvent(events);
            along.Add(growing.Trace.Hash());
        }

        foreach (var (events, hash) in new[] { 1_000, 5_000, 5_001, 20_000 }.Zip(along))
        {
            var fresh = Simulator.Create(BusyBlocked() with { MaxEvents = 30_000 });
            fresh.RunUntilEvent(events);
            Assert.Equal(fresh.Trace.Hash(), hash);
        }

        Assert.Equal(4, along.Distinct().Count());
    }

    [Fact]
    public void Stepping_or_running_on_past_the_limit_does_nothing()
    {
        var sim = Simulator.Create(BusyBlocked() with { MaxEvents = 500 });
        sim.RunUntil(Scenario.MaxTicksLimit);
        var hash = sim.Trace.Hash();

        Assert.False(sim.Step());
        sim.RunUntil(Scenario.MaxTicksLimit);

        Assert.Equal(500, sim.Events);
        Assert.Equal(hash, sim.Trace.Hash());
        Assert.NotNull(sim.StopMessage);
    }

    [Fact]
    public void A_run_that_settles_on_its_last_allowed_event_ends_normally()
    {
        var happy = Simulator.Create(Runs.TwoPc(3)).RunToEnd();
        Assert.Equal(26, happy.Events);

        var exact = Simulator.Create(Runs.TwoPc(3) with { MaxEvents = 26 }).RunToEnd();
        var short1 = Simulator.Create(Runs.TwoPc(3) with { MaxEvents = 25 }).RunToEnd();

        Assert.Equal((RunOutcome.Committed, 26L, (string?)null), (exact.Outcome, exact.Events, exact.StopMessage));
        Assert.Equal(happy.TraceHash, exact.TraceHash);
        Assert.Equal(25, short1.Events);
        Assert.StartsWith("The run stopped after 25 events (its limit, maxEvents)", short1.StopMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_scenario_stops_at_the_same_event_every_time()
    {
        var first = Simulator.Create(BusyBlocked() with { MaxEvents = 10_000 }).RunToEnd();
        var second = Simulator.Create(BusyBlocked() with { MaxEvents = 10_000 }).RunToEnd();

        Assert.Equal(first, second with { Decisions = first.Decisions, Blocked = first.Blocked, Violations = first.Violations });
        Assert.Equal(first.TraceHash, second.TraceHash);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(Scenario.MaxEventsLimit + 1)]
    public void A_limit_outside_1_to_the_ceiling_is_refused(long maxEvents)
    {
        var error = Assert.Throws<ScenarioException>(() => Simulator.Create(Runs.TwoPc() with { MaxEvents = maxEvents }));

        Assert.Contains(error.Errors, e => e.Message == $"maxEvents must be between 1 and 1000000, not {maxEvents}");
    }

    [Fact]
    public void A_file_may_raise_the_limit_up_to_the_ceiling_and_the_parser_says_where_it_is_too_high()
    {
        const string head = "title: t\nprotocol: 2pc\nparticipants: 2\n";

        Assert.Equal(1_000_000, ScenarioParser.Parse(head + "maxEvents: 1000000\n", "ok.yaml").MaxEvents);
        Assert.Equal(Scenario.DefaultMaxEvents, ScenarioParser.Parse(head, "default.yaml").MaxEvents);
        var error = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(head + "maxEvents: 5000000\n", "big.yaml"));
        var problem = Assert.Single(error.Errors);
        Assert.Equal((4, "maxEvents must be between 1 and 1000000, not 5000000"), (problem.Line, problem.Message));
    }

    [Fact]
    public void The_writer_leaves_the_default_limit_out_so_links_do_not_grow()
    {
        Assert.DoesNotContain("maxEvents", ScenarioWriter.ToYaml(Runs.TwoPc()), StringComparison.Ordinal);
        Assert.Contains("maxEvents: 2000\n", ScenarioWriter.ToYaml(Runs.TwoPc() with { MaxEvents = 2_000 }), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ShippedScenarios))]
    public void Every_shipped_scenario_ends_well_inside_the_default_limit(string name)
    {
        var result = Simulator.Create(ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, name))).RunToEnd();

        Assert.Null(result.StopMessage);
        Assert.True(result.Events < 1_000, $"{name} took {result.Events} events");
    }

    [Fact]
    public void The_1001st_hand_fault_is_refused_with_a_message_and_the_run_goes_on()
    {
        var sim = Simulator.Create(Runs.TwoPc(3) with { MaxTicks = 5_000 });
        for (var i = 0; i < Scenario.MaxFaults; i++)
        {
            sim.Inject(new FaultAction.Freeze("P1", 1));
        }

        var refusal = sim.Refusal(new FaultAction.Crash("L"));
        var thrown = Assert.Throws<ArgumentException>(() => sim.Inject(new FaultAction.Crash("L")));

        Assert.Equal(
            "This run already has 1,000 faults, the most a run can take: scrub back and branch from an earlier moment, or start over, to add another.",
            refusal);
        Assert.Equal(refusal, thrown.Message);
        Assert.Equal(Scenario.MaxFaults, sim.Schedule.Count);
        Assert.Equal(RunOutcome.Committed, sim.RunToEnd().Outcome);
    }

    [Fact]
    public void A_busy_tahoe_run_stops_at_the_same_limit_with_the_same_message()
    {
        // Four writers and seven servers, 1-tick resends and polls, S1 down: writers ask it every tick.
        var scenario = ScenarioParser.Parse(
            "title: busy\nprotocol: tahoe-2pc\ntahoe: { writers: 4, servers: 7, resend: 1, poll: 1 }\nseed: 3\nnetwork: { latency: [1, 1], loss: 0.0 }\n" +
            "maxTicks: 1000000\nfaults:\n  - { at: 1, do: \"crash S1\" }\n",
            "busy.yaml");

        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();

        Assert.Equal((100_000L, 12_488L, 50_049), (result.Events, result.Ticks, result.Messages.Sent));
        Assert.False(result.Settled);
        Assert.Equal(Simulator.EventLimitMessage(100_000, 12_488), result.StopMessage);
        Assert.Equal(result.StopMessage, sim.Snapshot().StopMessage);
        Assert.False(sim.Step());
    }

    public static TheoryData<string> ShippedScenarios() => RepoFiles.LessonScenarioNames();
}
