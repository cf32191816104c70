using CommitLab.Engine.Exploration;
using CommitLab.Web.Explore;

namespace CommitLab.Web.Tests.Explore;

public sealed class StateGraphCanvasTests
{
    private static readonly StateGraph Graph = StateGraph.TryBuild(new TCommitTla(3))!;

    [Fact]
    public void Every_state_is_a_locked_dot_in_its_column_and_every_step_a_line()
    {
        var canvas = new StateGraphCanvas(Graph, _ => { });

        Assert.Equal(34, canvas.Diagram.Nodes.Count);
        Assert.Equal(Graph.Edges.Count, canvas.Diagram.Links.Count);
        Assert.All(canvas.Dots, dot => Assert.True(dot.Locked));
        // A dot is centred where the graph places its state: one column per breadth-first level.
        var first = canvas.Dots[0];
        Assert.Equal(Graph.Nodes[0].X, first.Position.X + StateGraph.Radius);
        Assert.Equal(Graph.Nodes[0].Y, first.Position.Y + StateGraph.Radius);
    }

    [Fact]
    public void Showing_a_path_marks_its_states_and_steps_and_choosing_a_dot_reports_its_state()
    {
        int? chosen = null;
        var canvas = new StateGraphCanvas(Graph, id => chosen = id);
        var edge = Graph.Edges[0];

        canvas.Show([edge.From, edge.To], chosen: edge.To);
        canvas.Dots[5].Choose();

        Assert.Equal([edge.From, edge.To], canvas.Dots.Where(dot => dot.OnPath).Select(dot => dot.State.Id));
        Assert.Equal(edge, Assert.Single(canvas.Links, link => link.OnPath).Edge);
        Assert.True(canvas.Dots[edge.To].Chosen);
        Assert.Equal(5, chosen);
    }
}
