using Blazor.Diagrams.Core.Models;

namespace CommitLab.Web.Explore;

/// <summary>A step between two states on the canvas; one on the highlighted counterexample path is drawn thick.</summary>
public sealed class StateLink(StateDot from, StateDot to) : LinkModel(from, to)
{
    public StateEdge Edge { get; } = new(from.State.Id, to.State.Id);

    public bool OnPath { get; set; }
}
