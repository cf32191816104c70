using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace CommitLab.Web.Explore;

/// <summary>
/// One state of the <see cref="StateGraph"/> on the Blazor.Diagrams canvas: a small circle a student
/// can choose. Its size is fixed here, so the lines are drawn on the first render without measuring
/// anything in the browser; it is locked, because where a state sits says its breadth-first depth.
/// </summary>
public sealed class StateDot : NodeModel
{
    public const double Diameter = 2 * StateGraph.Radius;

    private readonly Action<int> choose;

    public StateDot(StateNode state, Action<int> choose)
        : base(new Point(state.X - StateGraph.Radius, state.Y - StateGraph.Radius))
    {
        State = state;
        this.choose = choose;
        Size = new Size(Diameter, Diameter);
        Locked = true;
    }

    public StateNode State { get; }

    /// <summary>On the counterexample path being highlighted.</summary>
    public bool OnPath { get; set; }

    /// <summary>The state whose nodes the page lists.</summary>
    public bool Chosen { get; set; }

    /// <summary>A click or Enter on the state: the page shows every node's state in it.</summary>
    public void Choose() => choose(State.Id);
}
