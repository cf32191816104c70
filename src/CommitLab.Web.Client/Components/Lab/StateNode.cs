using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Components.Lab;

/// <summary>
/// One protocol state on a node's state-machine canvas. Its size is fixed here rather than measured in
/// the browser, so the arrows are drawn on the first render and no resize observer runs per state.
/// </summary>
public sealed class StateNode : NodeModel
{
    public StateNode(Phase phase, string label, Point position)
        : base(position)
    {
        Phase = phase;
        Label = label;
        Size = new Size(Width, Height);
        Locked = true;
    }

    public const double Width = 66;
    public const double Height = 20;

    public Phase Phase { get; }

    public string Label { get; }

    /// <summary>Whether the node is in this state now (the lit one).</summary>
    public bool Current { get; set; }
}
