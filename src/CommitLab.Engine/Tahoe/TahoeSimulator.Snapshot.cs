using System.Collections.Immutable;

namespace CommitLab.Engine.Tahoe;

public sealed partial class TahoeSimulator
{
    /// <summary>An immutable picture of the run now, for the Lab.</summary>
    public TahoeSnapshot Snapshot()
    {
        var writerViews = Enumerable.Range(0, writers).Select(i =>
        {
            var s = (WriterState)states[i];
            return new TahoeWriterView(names[i], up[i], s.Phase, s.Attempt, s.Proposed?.Label, s.Refusal, scenario.StartOf(names[i]));
        }).ToImmutableArray();
        var serverViews = Enumerable.Range(writers, servers).Select(i =>
        {
            var s = (ServerState)states[i];
            return new TahoeServerView(names[i], up[i], s.Current, s.Lock, s.Staged, [.. s.Logs.Where(e => e is not null).Select(e => e!.Writer)]);
        }).ToImmutableArray();
        TahoeReaderView? readerView = null;
        if (reader >= 0)
        {
            var known = ((ReaderState)states[reader]).Known;
            readerView = new TahoeReaderView(up[reader], [.. known.Where(e => e is not null).Select(e => e!.Writer)], MagicFolderMerge.Merge(known));
        }

        var messages = inFlight.Values
            .Select(m => new TahoeMessageView(m.Id, names[m.From], names[m.To], m.Message.Kind, m.Message.Label, m.SentAt, m.ArrivesAt))
            .ToImmutableArray();
        var links = cut.OrderBy(l => l.From).ThenBy(l => l.To).Select(l => (names[l.From], names[l.To])).ToImmutableArray();
        return new TahoeSnapshot(Tick, Steps, Finished, scenario.Mode, writerViews, serverViews, readerView, messages, links, Verdict(), StopMessage);
    }
}
