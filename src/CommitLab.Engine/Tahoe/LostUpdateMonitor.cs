using System.Collections.Immutable;
using CommitLab.Engine.Monitors;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Silent loss: a writer was told its update succeeded, yet the file a reader gets now does not carry
/// its edit, and nothing later was built on it (a later version that read it carries its edit too).
/// A writer told "no can do" knows, so its missing edit is not silent and not reported here. It
/// judges again whenever a writer's step, a server's version or log, or a node's liveness changes.
/// </summary>
public sealed class LostUpdateMonitor(ProtocolKind mode, TahoeSettings settings, IReadOnlyList<string> names, INodeView nodes) : IMonitor
{
    /// <summary>The property's name, for code that asks a run's monitor list about this one (a fuzzer's promise).</summary>
    public const string Property = "no lost update";

    public string Name => Property;

    public bool Holds => lost.IsEmpty;

    private ImmutableArray<string> lost = [];

    public Reading? Reading => lost.IsEmpty ? new(ReadingTone.Good, "No update lost") : new(ReadingTone.Bad, $"Lost update: {string.Join(", ", lost)}");

    public string? Observe(in TraceEvent e)
    {
        if (TahoeNodes.Matters(e.Kind))
        {
            lost = Lost([.. TahoeNodes.Writers(settings, names, nodes).Select(w => (w.Name, w.State))], TahoeNodes.Edits(mode, TahoeNodes.LiveServers(settings, names, nodes)));
        }

        // Not a violation of the run: an uncoordinated run is allowed to lose an update (that is the lesson); the verdict names it.
        return null;
    }

    /// <summary>The writers whose acknowledged edits are missing from <paramref name="fileEdits"/> (a bit per writer).</summary>
    public static ImmutableArray<string> Lost(IReadOnlyList<(string Name, WriterState State)> writers, int fileEdits)
    {
        var lost = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < writers.Count; i++)
        {
            if (writers[i].State.Stage == WriterPhase.Done && (fileEdits & (1 << i)) == 0)
            {
                lost.Add(writers[i].Name);
            }
        }

        return lost.ToImmutable();
    }
}
