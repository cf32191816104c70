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
        Assert.Equal(
            [("nonblocking", 7), ("blocked-undecided", 7), ("blocked-commit", 10)],
            model.Counterexamples.Select(c => (c.Name, c.Steps)));
        Assert.All(model.Counterexamples, c => Assert.NotNull(c.LabLink));
        var link = model.Counterexamples[0];
        Assert.Equal("Nonblocking", link.Property);
        var href = link.LabLink!;
        var (recording, _) = ShareLink.Read(href[(href.IndexOf("run=", StringComparison.Ordinal) + 4)..href.IndexOf("&e=", StringComparison.Ordinal)], null, null);
        Assert.Equal(Engine.Scenarios.RunOutcome.Blocked, recording.Expect!.Outcome);
        Assert.Contains(recording.Faults, fault => fault.Do.ToText() == "crash L");
        // It opens where the path ends, after the crash, not at the start of the run.
        Assert.Matches(@"&e=[1-9]\d*&t=[1-9]\d*$", href);
    }

    [Fact]
    public async Task Two_phase_commit_with_a_crash_draws_all_606_states_with_the_shortest_blocked_run_highlighted()
    {
        var model = new ExploreViewModel(new ExplorationGate(), library: Library);
        model.Preselect("2pc-leader-crash-after-commit", crashes: 1, null, null, null);

        await model.RunAsync();

        var graph = model.Graph!;
        Assert.Equal(606, graph.Nodes.Count);
        Assert.Equal("nonblocking", model.Highlighted);
        // Seven steps, eight states, from the initial state to one where L is down and every participant waits.
        Assert.Equal(8, model.Path.Count);
        Assert.Equal(0, model.Path[0]);
        var end = graph.Nodes[model.Path[^1]];
        Assert.Equal(8, end.Depth);
        Assert.Equal(["L down", "P1 uncertain [prepared]", "P2 uncertain [prepared]", "P3 uncertain [prepared]"], end.Details);

        model.Select(end.Id);

        Assert.Same(end, model.Selected);
    }

    [Fact]
    public async Task The_shortest_blocked_run_after_L_logged_COMMIT_can_be_highlighted_instead_and_the_page_says_how_the_two_differ()
    {
        var model = new ExploreViewModel(new ExplorationGate(), library: Library);
        model.Preselect("2pc-leader-crash-after-commit", crashes: 1, null, null, null);
        await model.RunAsync();

        Assert.Equal(["nonblocking", "blocked-undecided", "blocked-commit"], model.PathChoices.Select(choice => choice.Name));
        Assert.True(model.Highlight("blocked-commit"));

        Assert.Equal(11, model.Path.Count);
        var end = model.Graph!.Nodes[model.Path[^1]];
        Assert.Equal("L down [commit]", end.Details[0]);
        Assert.Equal("never blocked once l has logged commit", model.HighlightedTitle);
        Assert.Equal(
            "The shortest blocked run takes 7 steps and ends before L has decided anything. " +
            "The shortest one where L has logged COMMIT, the case the lecture dwells on, takes 10: the votes must arrive first. " +
            "Both block in the same way: every participant has voted yes, L is down, and none of them may decide alone.",
            model.BlockingNote);
        Assert.False(model.Highlight("atomicity"));
        Assert.Equal("blocked-commit", model.Highlighted);
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
