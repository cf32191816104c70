using CommitLab.Engine.Exploration;
using CommitLab.Web.Explore;

namespace CommitLab.Web.Tests.Explore;

public sealed class StateGraphTests
{
    [Fact]
    public void TCommit_with_3_RMs_is_drawn_as_34_states_in_7_columns_starting_from_one_initial_state()
    {
        var graph = StateGraph.TryBuild(new TCommitTla(3))!;

        Assert.Equal(34, graph.Nodes.Count);
        Assert.Equal(7, graph.Nodes.Max(node => node.Depth));
        Assert.Single(graph.Nodes, node => node.Depth == 1);
        // Every edge goes one column to the right: breadth-first levels, no step back to an earlier one.
        Assert.All(graph.Edges, edge => Assert.True(graph.Nodes[edge.To].Depth <= graph.Nodes[edge.From].Depth + 1));
        Assert.All(graph.Nodes.Skip(1), node => Assert.Contains(graph.Edges, edge => edge.To == node.Id));
    }

    [Fact]
    public void A_space_larger_than_the_drawing_limit_is_not_drawn()
    {
        Assert.Null(StateGraph.TryBuild(new TwoPhaseTla(4)));
    }

    [Fact]
    public void A_TwoPhase_state_reads_as_one_line_per_RM_then_the_TM()
    {
        var lines = StateGraph.DetailsOf("rmState [r1 prepared, r2 working], tmState init, tmPrepared {r1}, msgs {Prepared(r1), Abort}");

        Assert.Equal(
            ["RM r1: prepared", "RM r2: working", "TM: init", "TM has Prepared from: r1", "Messages sent: Prepared(r1), Abort"],
            lines);
    }
}
