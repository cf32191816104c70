namespace CommitLab.Engine.Tahoe;

public sealed partial class TahoeSimulator
{
    /// <summary>
    /// Turns a handler's state change into trace events, so handlers stay pure and the trace still
    /// says in words what changed: a writer's phase, a server's version, lock or logs, the reader's view.
    /// </summary>
    private void RecordChanges(int node, object before, object after)
    {
        if (ReferenceEquals(before, after))
        {
            return;
        }

        switch (before, after)
        {
            case (WriterState b, WriterState a):
                if (b.Phase != a.Phase || b.Attempt != a.Attempt)
                {
                    var detail = a.Phase switch
                    {
                        WriterPhase.Reading => $" (try {a.Attempt})",
                        WriterPhase.Writing or WriterPhase.Preparing or WriterPhase.Committing when a.Proposed is { } p => $" ({p.Label})",
                        WriterPhase.Aborting or WriterPhase.GaveUp when a.Refusal is { } r => $" ({r})",
                        _ => "",
                    };
                    Record(TahoeTraceKind.Phase, node, text: WriterPhases.Name(a.Phase) + detail);
                }

                break;
            case (ServerState b, ServerState a):
                if (b.Lock != a.Lock && b.Lock is { } released)
                {
                    Record(TahoeTraceKind.Unlock, node, text: a.Current != b.Current ? $"{released} committed" : $"{released} let go");
                }

                if (b.Current != a.Current)
                {
                    Record(TahoeTraceKind.Install, node, text: a.Current.Label);
                }

                if (b.Lock != a.Lock && a.Lock is { } taken)
                {
                    Record(TahoeTraceKind.Lock, node, text: $"{taken}, staging {a.Staged?.Label}");
                }

                for (var w = 0; w < a.Logs.Length; w++)
                {
                    if (a.Logs[w] != b.Logs[w] && a.Logs[w] is { } entry)
                    {
                        Record(TahoeTraceKind.Append, node, text: $"{entry.Writer}'s edit in {entry.Writer}'s log");
                    }
                }

                break;
            case (ReaderState b, ReaderState a):
                if (b.Known != a.Known)
                {
                    var merged = MagicFolderMerge.Merge(a.Known);
                    var edits = string.Join(" and ", a.Known.Where(e => e is not null).Select(e => e!.Writer + "'s edit"));
                    var conflicts = merged.Conflicts.Length == 0 ? "" : $"; conflict: {string.Join("; ", merged.Conflicts)}";
                    Record(TahoeTraceKind.Merge, node, text: $"notes.txt with {edits}{conflicts}");
                }

                break;
        }
    }
}
