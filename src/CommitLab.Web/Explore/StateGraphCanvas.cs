using Blazor.Diagrams;
using Blazor.Diagrams.Core.Models;
using CommitLab.Web.Components.Diagrams;

namespace CommitLab.Web.Explore;

/// <summary>
/// The <see cref="StateGraph"/> as a Blazor.Diagrams model: one <see cref="StateDot"/> per state in
/// its breadth-first column, one straight <see cref="StateLink"/> per step. It is a picture to read
/// and click, not an editor: nothing moves, pans, zooms or is deleted (the frame around it scrolls).
/// Highlighting a path or choosing a state refreshes only the dots and links that change, so a
/// click on a 600-state graph re-renders a handful of elements, not the canvas.
/// </summary>
public sealed class StateGraphCanvas
{
    private readonly StateDot[] dots;
    private readonly List<StateLink> links = [];

    /// <param name="choose">Called with a state's id when a student clicks it or presses Enter on it.</param>
    /// <param name="registerWidgets">Registers the components that draw a dot and a link (the Razor side); tests pass nothing.</param>
    public StateGraphCanvas(StateGraph graph, Action<int> choose, Action<BlazorDiagram>? registerWidgets = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(choose);
        Graph = graph;
        Diagram = StillDiagram.Create();
        registerWidgets?.Invoke(Diagram);
        dots = [.. graph.Nodes.Select(node => new StateDot(node, choose))];
        Diagram.Batch(() =>
        {
            foreach (var edge in graph.Edges)
            {
                links.Add(Diagram.Links.Add(new StateLink(dots[edge.From], dots[edge.To]) { Locked = true }));
            }

            // Dots after links, so a line never covers a state.
            foreach (var dot in dots)
            {
                Diagram.Nodes.Add(dot);
            }
        });
    }

    public StateGraph Graph { get; }

    public BlazorDiagram Diagram { get; }

    public IReadOnlyList<StateDot> Dots => dots;

    public IReadOnlyList<StateLink> Links => links;

    /// <summary>Marks <paramref name="path"/>'s states and steps and the chosen state; refreshes what changed.</summary>
    public void Show(IReadOnlyList<int> path, int? chosen)
    {
        ArgumentNullException.ThrowIfNull(path);
        var onPath = path.ToHashSet();
        var steps = new HashSet<StateEdge>();
        for (var i = 1; i < path.Count; i++)
        {
            steps.Add(new StateEdge(path[i - 1], path[i]));
        }

        foreach (var dot in dots)
        {
            var lit = onPath.Contains(dot.State.Id);
            var picked = dot.State.Id == chosen;
            if (dot.OnPath != lit || dot.Chosen != picked)
            {
                dot.OnPath = lit;
                dot.Chosen = picked;
                dot.Refresh();
            }
        }

        foreach (var link in links)
        {
            var lit = steps.Contains(link.Edge);
            if (link.OnPath != lit)
            {
                link.OnPath = lit;
                link.Refresh();
            }
        }
    }
}
