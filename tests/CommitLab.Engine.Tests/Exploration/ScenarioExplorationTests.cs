using CommitLab.Engine.Exploration;
using CommitLab.Engine.Exploration.Scenarios;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Scenarios;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tests.Exploration;

/// <summary>
/// The explorer over the real 2PC and 3PC roles answers the lecture's questions for every run of a
/// small configuration, not one: 2PC never disagrees but blocks, 3PC with an honest detector neither
/// disagrees nor blocks, and 3PC with a timeout detector and one cut link disagrees.
/// </summary>
public class ScenarioExplorationTests
{
    private static ScenarioModel Model(string file, ExplorationBudgets budgets, bool waysToBlock = false) =>
        ScenarioModel.Create(ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, file)), budgets, waysToBlock);

    [Fact]
    public void Two_phase_commit_with_one_crash_never_disagrees_but_blocks()
    {
        var result = Explorer.Explore(Model("2pc-leader-crash-after-commit.yaml", new ExplorationBudgets(Crashes: 1)));

        Assert.Equal(606, result.DistinctStates);
        Assert.Equal(1288, result.Transitions);
        Assert.Equal(21, result.Depth);
        Assert.Equal(Verdict.Holds, result["atomicity"].Verdict);
        Assert.Equal(Verdict.Holds, result["validity"].Verdict);
        var blocked = result["nonblocking"];
        Assert.Equal(Verdict.Violated, blocked.Verdict);
        // The shortest way to block: every participant has voted and L crashes before the votes arrive.
        Assert.Equal(7, blocked.Counterexample!.Length);
        Assert.Equal("crash L", blocked.Counterexample.Steps[^1].Action);
        Assert.Equal("L down · P1 uncertain [prepared] · P2 uncertain [prepared] · P3 uncertain [prepared]", blocked.Counterexample.Steps[^1].State);
    }

    [Fact]
    public void Among_the_ways_to_block_the_shortest_after_a_decision_is_the_leader_crashing_right_after_logging_commit()
    {
        var result = Explorer.Explore(Model("2pc-leader-crash-after-commit.yaml", new ExplorationBudgets(Crashes: 1), waysToBlock: true));

        var afterCommit = result["blocked-commit"].Counterexample!;
        Assert.Equal(10, afterCommit.Length);
        Assert.Equal(
            ["deliver vote-yes P3→L", "deliver vote-yes P2→L", "deliver vote-yes P1→L", "crash L"],
            afterCommit.Steps.TakeLast(4).Select(step => step.Action));
        Assert.Equal("L down [commit] · P1 uncertain [prepared] · P2 uncertain [prepared] · P3 uncertain [prepared]", afterCommit.Steps[^1].State);
        Assert.Equal(Verdict.Violated, result["blocked-undecided"].Verdict);
        // With its one crash spent on L, nobody is left to make L abort first: blocking after ABORT needs more faults.
        Assert.Equal(Verdict.Holds, result["blocked-abort"].Verdict);
    }

    [Fact]
    public void Three_phase_commit_with_a_perfect_detector_and_one_crash_neither_disagrees_nor_blocks()
    {
        var result = Explorer.Explore(Model("3pc-leader-crash-before-precommit.yaml", new ExplorationBudgets(Crashes: 1)));

        Assert.Equal(4360, result.DistinctStates);
        Assert.Equal(8676, result.Transitions);
        Assert.Equal(37, result.Depth);
        Assert.All(result.Verdicts, verdict => Assert.Equal(Verdict.Holds, verdict.Verdict));
    }

    [Fact]
    public void Three_phase_commit_with_a_timeout_detector_and_one_cut_link_breaks_atomicity()
    {
        var result = Explorer.Explore(Model("3pc-partition-timeout-detector.yaml", new ExplorationBudgets(Cuts: 1)));

        Assert.Equal(130_996, result.DistinctStates);
        Assert.Equal(454_181, result.Transitions);
        Assert.Equal(45, result.Depth);
        Assert.Equal(Verdict.Holds, result["validity"].Verdict);
        Assert.Equal(Verdict.Holds, result["nonblocking"].Verdict);
        var atomicity = result["atomicity"].Counterexample!;
        Assert.Equal(24, atomicity.Length);
        Assert.Contains("cut L-P1", atomicity.Steps.Select(step => step.Action));
        Assert.StartsWith("L committed [precommit,commit] · P1 aborted [prepared,abort]", atomicity.Steps[^1].State, StringComparison.Ordinal);
    }

    [Fact]
    public void Interchangeable_2pc_participants_are_counted_up_to_renaming_beside_the_plain_count()
    {
        var result = Explorer.Explore(Model("2pc-leader-crash-after-commit.yaml", new ExplorationBudgets(Crashes: 1)), new ExplorerOptions { Symmetry = true });

        Assert.Equal(606, result.DistinctStates);
        Assert.Equal(142, result.SymmetricStates);
    }

    [Fact]
    public void Fingerprints_do_not_collide_and_counts_do_not_depend_on_threads()
    {
        var model = Model("3pc-leader-crash-before-precommit.yaml", new ExplorationBudgets(Crashes: 1));
        var one = Explorer.Explore(model, new ExplorerOptions { Parallelism = 1, CheckCollisions = true });
        var two = Explorer.Explore(model, new ExplorerOptions { Parallelism = 2 });

        Assert.Equal(0, one.Collisions);
        Assert.Equal(one.DistinctStates, two.DistinctStates);
        Assert.Equal(one.Transitions, two.Transitions);
    }

    public static TheoryData<string, int, int, int, int> Findings() => new()
    {
        { "2pc-leader-crash-after-commit.yaml", 1, 0, 0, 0 },
        { "3pc-partition-timeout-detector.yaml", 0, 0, 0, 1 },
        { "2pc-outcome-log.yaml", 1, 0, 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void Every_counterexample_replays_in_the_simulator_and_ends_as_reported(string file, int crashes, int recoveries, int drops, int cuts)
    {
        var model = Model(file, new ExplorationBudgets(crashes, recoveries, drops, cuts), waysToBlock: true);
        var violated = Explorer.Explore(model).Verdicts.Where(verdict => verdict.Counterexample is not null).ToList();

        Assert.NotEmpty(violated);
        foreach (var verdict in violated)
        {
            var replay = CounterexampleReplay.Replay(model, verdict.Name, verdict.Counterexample!);
            Assert.True(replay.Reproduced, $"{verdict.Name}: {replay.Problem}");
            // The file alone, parsed and run from the start, ends the same way.
            var fromFile = Simulator.Create(ScenarioParser.Parse(replay.Yaml, "replay.yaml")).RunToEnd();
            var expected = verdict.Kind == PropertyKind.Terminal ? RunOutcome.Blocked : RunOutcome.Violation;
            Assert.Equal(expected, fromFile.Outcome);
            Assert.Equal(replay.Result.TraceHash, fromFile.TraceHash);
        }
    }

    [Fact]
    public void The_leader_crashing_after_logging_commit_replays_as_that_very_moment()
    {
        var model = Model("2pc-leader-crash-after-commit.yaml", new ExplorationBudgets(Crashes: 1), waysToBlock: true);
        var path = Explorer.Explore(model)["blocked-commit"].Counterexample!;

        var replay = CounterexampleReplay.Replay(model, "blocked-commit", path);
        var run = Simulator.Create(replay.Scenario);
        var result = run.RunToEnd();

        Assert.Equal(RunOutcome.Blocked, result.Outcome);
        Assert.Equal(["P1", "P2", "P3"], result.Blocked.ToArray());
        var crash = run.Trace.Events.First(e => e.Kind == TraceKind.Crash);
        var lastLeaderWrite = run.Trace.Events.Last(e => e.Kind == TraceKind.LogAppend && e.Node == 0 && e.Index < crash.Index);
        Assert.Equal(LogRecordKind.Commit, lastLeaderWrite.Record);
        Assert.DoesNotContain(run.Trace.Events, e => e.Kind == TraceKind.Send && e.Node == 0 && e.Message == MessageKind.Commit);
    }

    [Fact]
    public void A_configuration_too_large_to_explore_is_refused_with_the_limit()
    {
        var scenario = new Scenario { Participants = 9 };

        var problems = ScenarioModel.Problems(scenario, new ExplorationBudgets(Crashes: 5));

        Assert.Contains("--crashes must be between 0 and 3, not 5", problems);
        Assert.Contains(problems, problem => problem.StartsWith("the explorer takes at most 6 participants, not 9", StringComparison.Ordinal));
    }
}
