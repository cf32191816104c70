using CommitLab.Engine.Monitors;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Tahoe;

/// <summary>The Tahoe nodes of a run as the monitors and the verdict read them, in one place so they all read alike.</summary>
internal static class TahoeNodes
{
    public static List<(string Name, WriterState State, bool Up)> Writers(TahoeSettings settings, IReadOnlyList<string> names, INodeView nodes)
    {
        var writers = new List<(string, WriterState, bool)>(settings.Writers);
        for (var w = 0; w < settings.Writers; w++)
        {
            writers.Add((names[w], (WriterState)nodes.Shown(w)!, nodes.IsUp(w)));
        }

        return writers;
    }

    public static List<(string Name, ServerState State)> LiveServers(TahoeSettings settings, IReadOnlyList<string> names, INodeView nodes)
    {
        var live = new List<(string, ServerState)>(settings.Servers);
        for (var s = settings.Writers; s < settings.Writers + settings.Servers; s++)
        {
            if (nodes.IsUp(s))
            {
                live.Add((names[s], (ServerState)nodes.Shown(s)!));
            }
        }

        return live;
    }

    /// <summary>The newest version a live server holds: what a reader gets (none in the magic folder, or with every server down).</summary>
    public static FileVersion? File(ProtocolKind mode, IReadOnlyList<(string Name, ServerState State)> live) =>
        mode == ProtocolKind.TahoeMagicFolder || live.Count == 0 ? null : live.Select(s => s.State.Current).Aggregate(FileVersion.Newest);

    /// <summary>A bit per writer whose edit a reader can still find.</summary>
    public static int Edits(ProtocolKind mode, IReadOnlyList<(string Name, ServerState State)> live)
    {
        if (mode != ProtocolKind.TahoeMagicFolder)
        {
            return File(mode, live)?.Edits ?? 0;
        }

        // What any reader can still find: every entry some live server holds.
        var edits = 0;
        foreach (var (_, state) in live)
        {
            foreach (var entry in state.Logs)
            {
                edits |= entry is null ? 0 : 1 << entry.WriterIndex;
            }
        }

        return edits;
    }

    /// <summary>Whether an event can change what the Tahoe monitors judge: a step, a version, a log entry, a crash or a recovery.</summary>
    public static bool Matters(Tracing.TraceKind kind) =>
        kind is Tracing.TraceKind.Stage or Tracing.TraceKind.Install or Tracing.TraceKind.Store or Tracing.TraceKind.Crash or Tracing.TraceKind.Recover;
}
