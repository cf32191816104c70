using CommitLab.Engine.Monitors;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Do all live servers hold the same file? Watches from outside, like every monitor: it reads the
/// servers' states and never changes them. A crashed server is left out, as it would be from a read.
/// Servers disagree for a moment in every run while an update spreads; what counts is how a run ends.
/// </summary>
public sealed class ServersAgreeMonitor(ProtocolKind mode, TahoeSettings settings, IReadOnlyList<string> names, INodeView nodes) : IMonitor
{
    /// <summary>The property's name, for code that asks a run's monitor list about this one (a fuzzer's promise).</summary>
    public const string Property = "servers agree";

    public string Name => Property;

    public bool Holds => split is null;

    private string? split;

    public Reading? Reading => split is null ? new(ReadingTone.Good, "Servers agree") : new(ReadingTone.Bad, "Servers disagree", split);

    public string? Observe(in TraceEvent e)
    {
        if (TahoeNodes.Matters(e.Kind))
        {
            split = Disagreement(mode, TahoeNodes.LiveServers(settings, names, nodes));
        }

        return null;
    }

    /// <summary>Null when the live servers agree; else the split in words, e.g. "S2 holds W1's version (W1#1) while S1 and S3 hold W2's (W2#1)".</summary>
    public static string? Disagreement(ProtocolKind mode, IReadOnlyList<(string Name, ServerState State)> live)
    {
        if (live.Count < 2)
        {
            return null;
        }

        var groups = live.GroupBy(s => Describe(mode, s.State)).ToList();
        if (groups.Count < 2)
        {
            return null;
        }

        // Smallest group first: "S2 holds ... while S1 and S3 hold ..." puts the odd one out first.
        var ordered = groups.OrderBy(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var parts = ordered.Select((g, i) => $"{Join(g.Select(s => s.Name).ToList())} {(g.Count() == 1 ? "holds" : "hold")} {(i == 0 ? g.Key : Short(g.Key))}");
        return string.Join(" while ", parts);
    }

    private static string Describe(ProtocolKind mode, ServerState s) => mode == ProtocolKind.TahoeMagicFolder
        ? "logs with " + (s.Logs.All(e => e is null) ? "no edits" : string.Join(" and ", s.Logs.Where(e => e is not null).Select(e => e!.Writer + "'s edit")))
        : s.Current.Seq == 0 ? "the original version (v0)" : $"{s.Current.Writer}'s version ({s.Current.Label})";

    /// <summary>"W2's version (W2#1)" becomes "W2's (W2#1)" in the second half of a sentence.</summary>
    private static string Short(string description) => description.Replace("'s version (", "'s (", StringComparison.Ordinal);

    internal static string Join(IReadOnlyList<string> names) => names.Count switch
    {
        0 => "",
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };
}
