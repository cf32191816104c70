using System.Text.RegularExpressions;
using CommitLab.Engine.Exploration;

namespace CommitLab.Web.Explore;

/// <summary>One state in the drawing: where it sits and what every node (RM and TM, or L and the participants) is doing in it.</summary>
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
    /// <summary>
    /// Beyond a few hundred states the drawing is a smear of lines, so the page lists counts only.
    /// The limit admits 2PC with three participants and one crash (606 states), the space the
    /// blocking lesson is about.
    /// </summary>
    public const int MaxStates = 700;

    public const double Margin = 16;

    public const double ColumnWidth = 72;

    public const double RowHeight = 26;

    public const double Radius = 8;

    /// <summary>Where each action leads from each state, so a counterexample is followed by its actions, not by how states read.</summary>
    private readonly Dictionary<(int From, int Action), int> steps;

    private StateGraph(IReadOnlyList<StateNode> nodes, IReadOnlyList<StateEdge> edges, Dictionary<(int From, int Action), int> steps)
    {
        Nodes = nodes;
        Edges = edges;
        this.steps = steps;
        Width = (2 * Margin) + ((nodes.Max(node => node.Depth) - 1) * ColumnWidth);
        Height = (2 * Margin) + (nodes.Max(node => node.Slot) * RowHeight);
    }

    public IReadOnlyList<StateNode> Nodes { get; }

    public IReadOnlyList<StateEdge> Edges { get; }

    public double Width { get; }

    public double Height { get; }

    /// <summary>Walks a reference model breadth-first; null when it has more than <see cref="MaxStates"/> states.</summary>
    public static StateGraph? TryBuild(IModel<ulong> model, CancellationToken cancellation = default) =>
        TryBuild(model, DetailsOf, cancellation);

    /// <summary>
    /// Walks any model breadth-first; null when it has more than <see cref="MaxStates"/> states.
    /// <paramref name="details"/> turns a state's description into the lines shown when it is chosen.
    /// </summary>
    public static StateGraph? TryBuild<TState>(IModel<TState> model, Func<string, IReadOnlyList<string>> details, CancellationToken cancellation = default)
        where TState : struct, IEquatable<TState>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(details);
        var ids = new Dictionary<TState, int>();
        var states = new List<TState>();
        var depths = new List<int>();
        var edges = new HashSet<StateEdge>();
        var steps = new Dictionary<(int, int), int>();
        foreach (var initial in model.InitialStates)
        {
            if (ids.TryAdd(initial, states.Count))
            {
                states.Add(initial);
                depths.Add(1);
            }
        }

        var buffer = new Transition<TState>[model.MaxSuccessors];
        for (var at = 0; at < states.Count; at++)
        {
            cancellation.ThrowIfCancellationRequested();
            var count = model.Successors(states[at], buffer);
            for (var i = 0; i < count; i++)
            {
                var next = buffer[i].Next;
                if (next.Equals(states[at]))
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
                steps[(at, buffer[i].Action)] = id;
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
            nodes.Add(new StateNode(id, depths[id], slot, description, details(description)));
        }

        return new StateGraph(nodes, [.. edges.OrderBy(edge => edge.From).ThenBy(edge => edge.To)], steps);
    }

    /// <summary>
    /// The ids of the states a counterexample passes through, in order, found by following its
    /// actions from the initial state (two states of a scenario can read alike). Empty when the path
    /// does not start at this graph's first state; it stops where an action leads nowhere drawn.
    /// </summary>
    public IReadOnlyList<int> PathOf(Counterexample counterexample)
    {
        ArgumentNullException.ThrowIfNull(counterexample);
        if (counterexample.Steps.Count == 0 || counterexample.Steps[0].State != Nodes[0].Description)
        {
            return [];
        }

        var path = new List<int> { 0 };
        foreach (var step in counterexample.Steps.Skip(1))
        {
            if (step.Code is not { } action || !steps.TryGetValue((path[^1], action), out var next))
            {
                break;
            }

            path.Add(next);
        }

        return path;
    }

    /// <summary>
    /// Splits a scenario state's description (<c>L working · P1 uncertain [prepared] · in flight:
    /// vote-yes P1→L</c>) into one line per node, then what is in flight and which links are cut.
    /// </summary>
    public static IReadOnlyList<string> ScenarioDetailsOf(string description) =>
        description.Split(" · ", StringSplitOptions.RemoveEmptyEntries);

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
