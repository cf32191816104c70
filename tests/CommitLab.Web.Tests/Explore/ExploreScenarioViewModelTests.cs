using CommitLab.Web.Explore;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Sharing;

namespace CommitLab.Web.Tests.Explore;

/// <summary>The Explore page with a library scenario: its real protocol within fault budgets, and counterexamples as Lab links.</summary>
public sealed class ExploreScenarioViewModelTests
{
    private static readonly ScenarioLibrary Library = new(Path.Combine(AppContext.BaseDirectory, "lessons", "scenarios"));

    [Fact]
    public async Task Two_phase_commit_with_a_crash_blocks_and_its_shortest_run_opens_in_the_Lab_where_it_ends()
    {
        var model = new ExploreViewModel(new ExplorationGate(), library: Library);
        Assert.True(model.Preselect("2pc-leader-crash-after-commit", crashes: 1, null, null, null));

        await model.RunAsync();

        Assert.Null(model.Error);
        Assert.Equal("“The leader crashes right after deciding to commit” with 1 crash", model.Subject);
        Assert.Equal(606, model.Result!.DistinctStates);
        Assert.Equal("holds", model.Verdicts.Single(v => v.Name == "atomicity").VerdictWord);
        Assert.Equal("violated", model.Verdicts.Single(v => v.Name == "nonblocking").VerdictWord);
        var link = Assert.Single(model.Counterexamples);
        Assert.Equal(("nonblocking", "Nonblocking", 7), (link.Name, link.Property, link.Steps));
        var href = link.LabLink!;
        var (recording, _) = ShareLink.Read(href[(href.IndexOf("run=", StringComparison.Ordinal) + 4)..href.IndexOf("&e=", StringComparison.Ordinal)], null, null);
        Assert.Equal(Engine.Scenarios.RunOutcome.Blocked, recording.Expect!.Outcome);
        Assert.Contains(recording.Faults, fault => fault.Do.ToText() == "crash L");
        // It opens where the path ends, after the crash, not at the start of the run.
        Assert.Matches(@"&e=[1-9]\d*&t=[1-9]\d*$", href);
    }

    [Fact]
    public async Task Three_phase_commit_with_a_perfect_detector_and_a_crash_has_nothing_to_watch()
    {
        var model = new ExploreViewModel(new ExplorationGate(), library: Library);
        model.Preselect("3pc-leader-crash-before-precommit", crashes: 1, null, null, null);

        await model.RunAsync();

        Assert.All(model.Verdicts, verdict => Assert.Equal("holds", verdict.VerdictWord));
        Assert.Empty(model.Counterexamples);
    }

    [Fact]
    public async Task A_paxos_commit_scenario_is_offered_and_explored_with_its_acceptors()
    {
        var model = new ExploreViewModel(new ExplorationGate(), library: Library);
        Assert.Contains(model.Scenarios, scenario => scenario.Name == "paxos-commit-happy-path");
        Assert.True(model.Preselect("paxos-commit-happy-path", crashes: 0, null, null, null));

        await model.RunAsync();

        Assert.Null(model.Error);
        Assert.Equal(112_806, model.Result!.DistinctStates);
        Assert.All(model.Verdicts, verdict => Assert.Equal("holds", verdict.VerdictWord));
    }

    [Fact]
    public async Task Budgets_out_of_range_are_refused_with_what_to_change()
    {
        var model = new ExploreViewModel(new ExplorationGate(), library: Library);
        model.Preselect("2pc-happy-path", crashes: 7, null, null, null);

        await model.RunAsync();

        Assert.Equal("crashes must be between 0 and 3, not 7.", model.Error);
        Assert.Null(model.Result);
    }

    [Fact]
    public void An_unknown_scenario_in_a_link_says_so()
    {
        var model = new ExploreViewModel(new ExplorationGate(), library: Library);

        Assert.False(model.Preselect("no-such-scenario", 1, null, null, null));
        Assert.Equal("There is no library scenario named 'no-such-scenario'.", model.Error);
    }
}
