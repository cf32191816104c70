using System.Text.RegularExpressions;
using CommitLab.Engine.Exploration;

namespace CommitLab.Web.Explore;

/// <summary>One state in the drawing: where it sits and what every RM and the TM are doing in it.</summary>
/// <param name="Depth">Breadth-first level, the initial state being 1 as the explorer counts.</param>
/// <param name="Slot">Vertical position in rows; a column shorter than the tallest is centred, so the graph reads as a diamond.</param>
public sealed record StateNode(int Id, int Depth, double Slot, string Description, IReadOnlyList<string> Details)
{
    public double X => StateGraph.Margin + ((Depth - 1) * StateGraph.ColumnWidth);

    public double Y => StateGraph.Margin + (Slot * StateGraph.RowHeight);

    /// <summary>What a screen reader says for the state.</summary>
    public string Label => $"State {Id + 1}, depth {Depth}: {string.Join("; ", Details)}";
}

/// <summary>A step between two different states (steps that change nothing are left out of the drawing).</summary>
public sealed record StateEdge(int From, int To);

/// <summary>
/// The whole reachable graph of a small model, laid out by breadth-first depth in columns. The
/// explorer keeps only fingerprints and parents, not edges, so a small space is walked again here
/// with full states; <see cref="MaxStates"/> keeps that walk and the drawing small enough to read.
/// </summary>
public sealed class StateGraph
{
    /// <summary>Beyond a few hundred states the drawing is a smear of lines, so the page lists counts only.</summary>
    public const int MaxStates = 200;

    public const double Margin = 16;

    public const double ColumnWidth = 72;

    public const double RowHeight = 26;

    public const double Radius = 8;

    private StateGraph(IReadOnlyList<StateNode> nodes, IReadOnlyList<StateEdge> edges)
    {
        Nodes = nodes;
        Edges = edges;
        Width = (2 * Margin) + ((nodes.Max(node => node.Depth) - 1) * ColumnWidth);
        Height = (2 * Margin) + (nodes.Max(node => node.Slot) * RowHeight);
    }

    public IReadOnlyList<StateNode> Nodes { get; }

    public IReadOnlyList<StateEdge> Edges { get; }

    public double Width { get; }

    public double Height { get; }

    /// <summary>Walks the model breadth-first; null when it has more than <see cref="MaxStates"/> states.</summary>
    public static StateGraph? TryBuild(IModel<ulong> model, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ids = new Dictionary<ulong, int>();
        var states = new List<ulong>();
        var depths = new List<int>();
        var edges = new HashSet<StateEdge>();
        foreach (var initial in model.InitialStates)
        {
            if (ids.TryAdd(initial, states.Count))
            {
                states.Add(initial);
                depths.Add(1);
            }
        }

        var buffer = new Transition<ulong>[model.MaxSuccessors];
        for (var at = 0; at < states.Count; at++)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = model.Successors(states[at], buffer);
            for (var i = 0; i < count; i++)
            {
                var next = buffer[i].Next;
                if (next == states[at])
                {
                    continue;
                }

                if (!ids.TryGetValue(next, out var id))
                {
                    if (states.Count == MaxStates)
                    {
                        return null;
                    }

                    id = states.Count;
                    ids.Add(next, id);
                    states.Add(next);
                    depths.Add(depths[at] + 1);
                }

                edges.Add(new StateEdge(at, id));
            }
        }

        var columnHeights = depths.CountBy(depth => depth).ToDictionary();
        var tallest = columnHeights.Values.Max();
        var rows = new Dictionary<int, int>();
        var nodes = new List<StateNode>(states.Count);
        for (var id = 0; id < states.Count; id++)
        {
            var row = rows.GetValueOrDefault(depths[id]);
            rows[depths[id]] = row + 1;
            var description = model.Describe(states[id]);
            var slot = row + ((tallest - columnHeights[depths[id]]) / 2.0);
            nodes.Add(new StateNode(id, depths[id], slot, description, DetailsOf(description)));
        }

        return new StateGraph(nodes, [.. edges.OrderBy(edge => edge.From).ThenBy(edge => edge.To)]);
    }

    /// <summary>The ids of the states a counterexample passes through, in order; states not in the graph are skipped.</summary>
    public IReadOnlyList<int> PathOf(IReadOnlyList<string> descriptions)
    {
        var byDescription = Nodes.ToDictionary(node => node.Description, node => node.Id);
        return [.. descriptions.Where(byDescription.ContainsKey).Select(description => byDescription[description])];
    }

    /// <summary>
    /// Splits a reference model's description (<c>rmState [r1 working, r2 prepared], tmState init,
    /// tmPrepared {r2}, msgs {Prepared(r2)}</c>) into one line per RM and one per TM variable.
    /// </summary>
    public static IReadOnlyList<string> DetailsOf(string description)
    {
        var lines = new List<string>();
        var rms = Regex.Match(description, @"rmState \[([^\]]*)\]");
        if (rms.Success)
        {
            foreach (var rm in rms.Groups[1].Value.Split(", ", StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = rm.Split(' ', 2);
                lines.Add(parts.Length == 2 ? $"RM {parts[0]}: {parts[1]}" : rm);
            }
        }

        if (Regex.Match(description, @"tmState (\w+)") is { Success: true } tm)
        {
            lines.Add($"TM: {tm.Groups[1].Value}");
        }

        if (Regex.Match(description, @"tmPrepared \{([^}]*)\}") is { Success: true } prepared)
        {
            lines.Add($"TM has Prepared from: {(prepared.Groups[1].Value.Length == 0 ? "nobody yet" : prepared.Groups[1].Value)}");
        }

        if (Regex.Match(description, @"msgs \{([^}]*)\}") is { Success: true } messages)
        {
            lines.Add($"Messages sent: {(messages.Groups[1].Value.Length == 0 ? "none" : messages.Groups[1].Value)}");
        }

        return lines.Count > 0 ? lines : [description];
    }
}
