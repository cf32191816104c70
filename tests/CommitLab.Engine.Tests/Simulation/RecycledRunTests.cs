using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Protocols;
using CommitLab.Engine.Tests.Scenarios;

namespace CommitLab.Engine.Tests.Simulation;

/// <summary>
/// <see cref="Simulator.Run"/> reuses the memory of the run before it on the thread; whatever that
/// run was, the next one must end exactly as a run of its own does.
/// </summary>
public class RecycledRunTests
{
    [Fact]
    public void Runs_that_reuse_the_memory_of_the_run_before_end_exactly_as_runs_of_their_own()
    {
        // Every shipped scenario (2PC, 3PC, Paxos Commit, Tahoe-LAFS, two generals: different node
        // counts, timer kinds, faults and trace lengths) in turn, then a long run whose trace
        // outgrows the kept storage, then the first ones again over what it left behind.
        var scenarios = Directory.GetFiles(RepoFiles.LessonScenarios, "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(ScenarioParser.ParseFile)
            .ToList();
        Assert.True(scenarios.Count > 20, "the lesson scenarios should be found, or this test proves little");
        var lossy = (Runs.ThreePc(4, 42, DetectorKind.Timeout) with { Network = new NetworkSettings(5, 60, 0.2) })
            .With(Runs.At(120, "crash L"), Runs.At(400, "partition P1,P2 | P3,P4"), Runs.At(900, "heal all"), Runs.At(950, "recover L"));
        var blocked = Runs.TwoPc(3).With(Runs.When("L logs commit", "crash L")) with { MaxTicks = 20_000 };
        scenarios.AddRange([lossy, blocked, .. scenarios.Take(5), lossy with { ForcedWriteTicks = 0 }]);

        foreach (var scenario in scenarios)
        {
            var own = Simulator.Create(scenario).RunToEnd();
            var recycled = Simulator.Run(scenario);

            Assert.Equal(own.TraceHash, recycled.TraceHash);
            Assert.Equal(own.Outcome, recycled.Outcome);
            Assert.Equal(own.Decisions, recycled.Decisions);
            Assert.Equal(own.Blocked.ToArray(), recycled.Blocked.ToArray());
            Assert.Equal(own.Violations.ToArray(), recycled.Violations.ToArray());
            Assert.Equal(own.HoldingLocks.ToArray(), recycled.HoldingLocks.ToArray());
            Assert.Equal(own.Broken.ToArray(), recycled.Broken.ToArray());
            Assert.Equal(own.Tahoe?.Explanation, recycled.Tahoe?.Explanation);
            Assert.Equal((own.Tahoe?.Lost ?? []).ToArray(), (recycled.Tahoe?.Lost ?? []).ToArray());
            Assert.Equal(own with { Decisions = recycled.Decisions, Blocked = recycled.Blocked, Violations = recycled.Violations, HoldingLocks = recycled.HoldingLocks, Broken = recycled.Broken, Tahoe = recycled.Tahoe }, recycled);
        }
    }

    [Theory]
    [InlineData("3pc-partition-timeout-detector.yaml", RunOutcome.Violation)]
    [InlineData("2pc-leader-crash-after-commit.yaml", RunOutcome.Blocked)]
    [InlineData("paxos-commit-majority-down.yaml", RunOutcome.Blocked)]
    [InlineData("3pc-happy-path.yaml", RunOutcome.Committed)]
    public void A_scenario_run_again_right_after_itself_is_judged_afresh(string file, RunOutcome outcome)
    {
        // The second run of the same scenario takes over the first one's monitors, emptied: a
        // violation, a blocked participant or a broken property found the first time must be found
        // again, once, and nothing more.
        var scenario = ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, file));
        var own = Simulator.Create(scenario).RunToEnd();
        Assert.Equal(outcome, own.Outcome);

        var first = Simulator.Run(scenario);
        var second = Simulator.Run(scenario);

        foreach (var again in new[] { first, second })
        {
            Assert.Equal(own.TraceHash, again.TraceHash);
            Assert.Equal(outcome, again.Outcome);
            Assert.Equal(own.Violations.ToArray(), again.Violations.ToArray());
            Assert.Equal(own.Blocked.ToArray(), again.Blocked.ToArray());
            Assert.Equal(own.Broken.ToArray(), again.Broken.ToArray());
        }
    }
}
