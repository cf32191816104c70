using Blazor.Diagrams;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Options;
using CommitLab.Web.Builder;

namespace CommitLab.Web.Components.Builder;

/// <summary>
/// The builder's canvas as a Blazor.Diagrams model: one node per scenario node and one link from L to
/// each of the others, labelled with what the scenario says about it. It only mirrors
/// <see cref="ScenarioBuilder"/> (which stays the single source of the scenario): a node dragged keeps
/// its place across changes, a node added gets a place on the arc under L.
/// </summary>
public sealed class BuilderDiagram
{
    private readonly Dictionary<string, NodeModel> nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, string), LinkModel> links = [];

    public BuilderDiagram()
    {
        var options = new BlazorDiagramOptions { AllowMultiSelection = false };
        // The scenario decides which nodes and links exist; the Delete key must not remove them behind its back.
        options.Constraints.ShouldDeleteNode = _ => ValueTask.FromResult(false);
        options.Constraints.ShouldDeleteLink = _ => ValueTask.FromResult(false);
        options.Zoom.Enabled = true;
        Diagram = new BlazorDiagram(options);
    }

    public BlazorDiagram Diagram { get; }

    /// <summary>The node name or "A-B" link the canvas has selected, if any.</summary>
    public string? SelectedName =>
        Diagram.GetSelectedModels().FirstOrDefault() switch
        {
            NodeModel node => nodes.FirstOrDefault(kv => kv.Value == node).Key,
            LinkModel link => links.FirstOrDefault(kv => kv.Value == link).Key is var (a, b) && a is not null ? $"{a}-{b}" : null,
            _ => null,
        };

    /// <summary>Brings the canvas in line with the builder: nodes, their titles, links and their labels.</summary>
    public void Sync(ScenarioBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var names = builder.NodeNames;
        Diagram.Batch(() =>
        {
            foreach (var gone in nodes.Keys.Except(names).ToList())
            {
                foreach (var key in links.Keys.Where(k => k.Item2 == gone).ToList())
                {
                    Diagram.Links.Remove(links[key]);
                    links.Remove(key);
                }

                Diagram.Nodes.Remove(nodes[gone]);
                nodes.Remove(gone);
            }

            var participants = builder.Participants;
            foreach (var name in names)
            {
                if (!nodes.TryGetValue(name, out var node))
                {
                    node = Diagram.Nodes.Add(new NodeModel(PlaceFor(name, participants)));
                    nodes[name] = node;
                }

                node.Title = TitleFor(builder, name);
                node.Refresh();
            }

            var label = $"{builder.LatencyMin}–{builder.LatencyMax} ms, {builder.LossPercent:0.#}% loss";
            foreach (var (from, to) in builder.Links)
            {
                if (!links.TryGetValue((from, to), out var link))
                {
                    link = Diagram.Links.Add(new LinkModel(nodes[from], nodes[to]));
                    links[(from, to)] = link;
                }

                link.Labels.Clear();
                link.Labels.Add(new LinkLabelModel(link, label));
                link.Refresh();
            }
        });
    }

    /// <summary>Selects a node ("P2") or a link ("L-P2") from the keyboard list, as a click on the canvas would.</summary>
    public void Select(string name)
    {
        SelectableModel? model = nodes.TryGetValue(name, out var node) ? node
            : name.Split('-') is [var a, var b] && links.TryGetValue((a, b), out var link) ? link
            : null;
        if (model is not null)
        {
            Diagram.UnselectAll();
            Diagram.SelectModel(model, unselectOthers: true);
        }
    }

    private static string TitleFor(ScenarioBuilder builder, string name) => name switch
    {
        "L" => "L · coordinator",
        "LOG" => "LOG · outcome log",
        _ => builder.VotesYes(name) ? $"{name} · votes yes" : $"{name} · votes no",
    };

    // L at the top, LOG beside it, participants spread on a wide arc below: the Lab's picture.
    private static Point PlaceFor(string name, int participants)
    {
        const double centre = 330;
        if (name == "L")
        {
            return new Point(centre, 30);
        }

        if (name == "LOG")
        {
            return new Point(centre + 240, 30);
        }

        var index = int.Parse(name.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) - 1;
        var slots = Math.Max(participants, 3);
        var angle = Math.PI * (0.15 + (0.7 * index / Math.Max(slots - 1, 1)));
        return new Point(centre - (300 * Math.Cos(angle)) , 150 + (130 * Math.Sin(angle)));
    }
}
