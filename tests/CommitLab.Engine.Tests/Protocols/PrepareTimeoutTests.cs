using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Scenarios;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tests.Protocols;

/// <summary>
/// Unilateral abort before voting: a participant that has not voted may abort on its own. With
/// <c>timeouts.prepare</c> it does so when PREPARE is late; without it, the run says who is left
/// holding locks instead of calling nobody stuck.
/// </summary>
public class PrepareTimeoutTests
{
    private static Scenario CutOffBeforePrepare(int? prepare) =>
        (Runs.TwoPc(3, seed: 42) with { Timeouts = new TimeoutSettings(Prepare: prepare) }).With(Runs.At(0, "cut L-P3"));

    [Fact]
    public void A_participant_cut_off_before_prepare_aborts_at_its_timeout_and_releases_its_lock()
    {
        var sim = Simulator.Create(CutOffBeforePrepare(100));
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        Assert.Contains("t=100 P3 prepare timer fires", lines);
        Assert.Contains("t=100 P3 logs abort", lines);
        Assert.Contains("t=100 P3 decides abort", lines);
        Assert.Contains("t=100 P3 unlocks T1", lines);
        Assert.Contains("t=200 L vote timer fires", lines);
        Assert.Contains("t=205 L decides abort", lines);
        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Empty(result.Blocked);
        Assert.Empty(result.HoldingLocks);
        Assert.Equal(11, result.Messages.Sent);
        Assert.All(sim.Snapshot().Nodes, node => Assert.Empty(node.Locks));
    }

    [Fact]
    public void Without_a_prepare_timeout_the_cut_off_participant_is_reported_holding_its_lock()
    {
        var result = Simulator.Create(CutOffBeforePrepare(null)).RunToEnd();

        Assert.Equal(RunOutcome.Undecided, result.Outcome);
        Assert.Empty(result.Blocked);
        Assert.Equal(["P3"], result.HoldingLocks.ToArray());
        Assert.Equal(Outcome.None, result.Decisions["P3"]);
    }

    [Fact]
    public void A_prepare_that_arrives_after_the_timeout_gets_a_no_vote()
    {
        var scenario = (Runs.TwoPc(3, seed: 42) with { Timeouts = new TimeoutSettings(Prepare: 100) })
            .With(Runs.When("L sends prepare to P3", "delay 150"));
        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        var aborted = lines.FindIndex(line => line.EndsWith("P3 decides abort", StringComparison.Ordinal));
        var prepare = lines.FindIndex(line => line.Contains("P3 receives prepare", StringComparison.Ordinal));
        var no = lines.FindIndex(line => line.Contains("P3 sends vote-no", StringComparison.Ordinal));
        Assert.True(aborted >= 0 && aborted < prepare && prepare < no, string.Join("\n", lines));
        Assert.Equal(RunOutcome.Aborted, result.Outcome);
    }

    [Fact]
    public void A_participant_that_gets_prepare_in_time_never_times_out()
    {
        var sim = Simulator.Create(Runs.TwoPc(3, seed: 42) with { Timeouts = new TimeoutSettings(Prepare: 100) });
        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.DoesNotContain(sim.Trace.Events, e => e.Kind == TraceKind.TimerFired && e.Timer == TimerKind.Prepare);
    }

    [Fact]
    public void The_shipped_prepare_timeout_scenario_aborts_with_nobody_blocked()
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, "2pc-prepare-timeout.yaml"));
        var result = Simulator.Create(scenario).RunToEnd();

        Assert.Equal(100, scenario.Timeouts.Prepare);
        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Empty(result.Blocked);
        Assert.Empty(result.HoldingLocks);
    }
}
