using CommitLab.Engine.Exploration;
using CommitLab.Web.Explore;

namespace CommitLab.Web.Tests.Explore;

public sealed class ExploreViewModelTests
{
    /// <summary>A TM that commits without waiting for every Prepared, as the engine's own tests break it.</summary>
    private sealed class HastyTwoPhase(int rms) : TwoPhaseTla(rms)
    {
        protected override bool TMCommitEnabled(ulong tmPrepared) => true;
    }

    [Fact]
    public async Task TCommit_with_3_RMs_reaches_34_states_and_every_property_holds()
    {
        var model = new ExploreViewModel(new ExplorationGate()) { ModelName = "tcommit-tla", Rms = 3 };

        await model.RunAsync();

        Assert.Null(model.Error);
        Assert.Equal("TCommit.tla with 3 RMs", model.Subject);
        Assert.Equal(34, model.Result!.DistinctStates);
        Assert.Equal(
            [("Distinct states", "34"), ("Transitions", "93"), ("Depth", "7")],
            model.Counts.Take(3));
        Assert.Equal(["atomicity", "validity", "nonblocking", "typeOK"], model.Verdicts.Select(v => v.Name));
        Assert.All(model.Verdicts, verdict => Assert.Equal("holds", verdict.VerdictWord));
        var atomicity = model.Verdicts.Single(v => v.Name == "atomicity");
        Assert.Equal("Atomicity", atomicity.Title);
        Assert.Equal("Holds: checked in every reachable state (34 states searched), and never broken.", atomicity.Text);
        Assert.Equal(
            "Holds: checked in every state where the run can go no further (34 states searched), and never broken.",
            model.Verdicts.Single(v => v.Name == "nonblocking").Text);
        Assert.Empty(atomicity.Steps);
    }

    [Fact]
    public async Task TwoPhase_with_3_RMs_reaches_288_states_few_enough_to_draw()
    {
        var model = new ExploreViewModel(new ExplorationGate()) { ModelName = "twophase-tla", Rms = 3 };

        await model.RunAsync();

        Assert.Equal(288, model.Result!.DistinctStates);
        Assert.Equal(("Transitions", "1,145"), model.Counts[1]);
        Assert.All(model.Verdicts, verdict => Assert.Equal(Verdict.Holds, verdict.Verdict));
        Assert.Equal(288, model.Graph!.Nodes.Count);
        Assert.Empty(model.Path);
    }

    [Fact]
    public async Task A_small_space_is_drawn_with_one_node_per_state_and_a_click_shows_every_RM_and_the_TM()
    {
        var model = new ExploreViewModel(new ExplorationGate()) { ModelName = "twophase-tla", Rms = 1 };

        await model.RunAsync();

        var graph = model.Graph!;
        Assert.Equal(model.Result!.DistinctStates, graph.Nodes.Count);
        Assert.Equal(model.Result.Depth, graph.Nodes.Max(node => node.Depth));
        model.Select(0);
        Assert.Equal(["RM r1: working", "TM: init", "TM has Prepared from: nobody yet", "Messages sent: none"], model.Selected!.Details);
        model.Select(0);
        Assert.Null(model.Selected);
    }

    [Fact]
    public async Task A_broken_TM_breaks_atomicity_in_3_numbered_steps_highlighted_in_the_graph()
    {
        var model = new ExploreViewModel(new ExplorationGate());

        await model.ExploreAsync(new HastyTwoPhase(2), "a hasty TM with 2 RMs");

        var atomicity = model.Verdicts.Single(v => v.Name == "atomicity");
        Assert.Equal("violated", atomicity.VerdictWord);
        Assert.Equal("Violated: a run breaks it after 3 steps. The shortest such run is below.", atomicity.Text);
        Assert.Equal(4, atomicity.Steps.Count);
        Assert.StartsWith("Start: rmState [r1 working, r2 working]", atomicity.Steps[0]);
        Assert.StartsWith("TMCommit → ", atomicity.Steps[2]);
        Assert.NotNull(model.Graph);
        Assert.Equal(4, model.Path.Count);
        Assert.Equal(0, model.Path[0]);
        Assert.True(model.OnPath(new StateEdge(model.Path[0], model.Path[1])));
    }

    [Fact]
    public async Task Stopping_at_the_state_limit_makes_every_verdict_unknown()
    {
        var model = new ExploreViewModel(new ExplorationGate(), maxStates: 1_000) { ModelName = "twophase-tla", Rms = 9 };

        await model.RunAsync();

        Assert.False(model.Result!.Complete);
        Assert.All(model.Verdicts, verdict => Assert.Equal(
            "Unknown: the search stopped at its state limit before it could tell. Nothing broke it in the states it saw.", verdict.Text));
        Assert.Null(model.Graph);
    }

    [Fact]
    public async Task More_than_9_RMs_is_refused_with_a_message_and_keeps_the_last_result()
    {
        var model = new ExploreViewModel(new ExplorationGate()) { ModelName = "tcommit-tla", Rms = 3 };
        await model.RunAsync();

        model.Rms = 10;
        await model.RunAsync();

        Assert.StartsWith("The page explores 1 to 9 RMs, not 10", model.Error);
        Assert.Equal(34, model.Result!.DistinctStates);
    }

    [Fact]
    public async Task Cancel_stops_the_search_with_no_verdict_and_frees_the_page_for_another_run()
    {
        var model = new ExploreViewModel(new ExplorationGate()) { ModelName = "twophase-tla", Rms = 9 };
        string? secondRun = null;
        model.Changed += () =>
        {
            if (model.Running && model.Progress is not null && secondRun is null)
            {
                model.RunAsync();
                secondRun = model.Error;
                model.Cancel();
            }
        };

        await model.RunAsync();

        Assert.Equal("An exploration is already running on this page: wait for it or cancel it.", secondRun);
        Assert.False(model.Running);
        Assert.Null(model.Result);
        Assert.Equal("Cancelled: the search stopped before it finished, so it shows no verdict.", model.Notice);
        model.Rms = 1;
        await model.RunAsync();
        Assert.NotNull(model.Result);
        Assert.Null(model.Notice);
    }

    [Fact]
    public async Task Beyond_the_server_wide_cap_a_run_is_told_the_server_is_busy()
    {
        var gate = new ExplorationGate(capacity: 1);
        var model = new ExploreViewModel(gate) { ModelName = "tcommit-tla", Rms = 3 };
        var other = gate.TryEnter();

        await model.RunAsync();

        Assert.Equal("The server is busy with other explorations: try again in a moment.", model.Error);
        Assert.Null(model.Result);
        Assert.False(model.Running);
        other!.Dispose();
        await model.RunAsync();
        Assert.Equal(34, model.Result!.DistinctStates);
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public void The_gate_admits_up_to_its_capacity_and_a_released_lease_frees_one_place()
    {
        var gate = new ExplorationGate();
        var first = gate.TryEnter();
        var second = gate.TryEnter();

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(gate.TryEnter());
        first!.Dispose();
        first.Dispose();
        Assert.Equal(1, gate.Running);
        Assert.NotNull(gate.TryEnter());
    }
}
