using Blazor.Diagrams;
using Point = Blazor.Diagrams.Core.Geometry.Point;
using Blazor.Diagrams.Core.Models;
using CommitLab.Engine.Protocols;
using CommitLab.Web.Lab.Network;
using CommitLab.Web.Components.Diagrams;

namespace CommitLab.Web.Components.Lab;

/// <summary>
/// A participant's protocol state machine as a Blazor.Diagrams model: one <see cref="StateNode"/> per
/// state of <see cref="NodeStateMachine"/>, one arrow per transition. It is a picture, not an editor:
/// nothing moves, pans, zooms or selects. Lighting a new state refreshes only the two states that
/// change, so a playing run re-renders two small boxes rather than the whole canvas.
/// </summary>
public sealed class StateMachineCanvas
{
    private readonly Dictionary<Phase, StateNode> states = [];

    public StateMachineCanvas(NodeStateMachine machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        Machine = machine;
        Diagram = StillDiagram.Create();
        Diagram.RegisterComponent<StateNode, StateNodeWidget>();

        Diagram.Batch(() =>
        {
            foreach (var box in machine.States)
            {
                states[box.Phase] = Diagram.Nodes.Add(new StateNode(box.Phase, box.Label, new Point(box.X, box.Y)));
            }

            foreach (var edge in machine.Edges)
            {
                var link = Diagram.Links.Add(new LinkModel(states[edge.From], states[edge.To])
                {
                    TargetMarker = LinkMarker.Arrow,
                    Width = 1.2,
                    Locked = true,
                });
                link.Refresh();
            }
        });
    }

    public NodeStateMachine Machine { get; }

    public BlazorDiagram Diagram { get; }

    /// <summary>The state lit now; null when the phase is not one of this machine's (a read-only participant).</summary>
    public Phase? Current => states.Values.FirstOrDefault(s => s.Current)?.Phase;

    /// <summary>Lights <paramref name="phase"/>'s state and puts out the one lit before.</summary>
    public void Light(Phase phase)
    {
        foreach (var state in states.Values)
        {
            var lit = state.Phase == phase;
            if (state.Current != lit)
            {
                state.Current = lit;
                state.Refresh();
            }
        }
    }
}
