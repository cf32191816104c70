using System.Collections.Immutable;

namespace CommitLab.Engine.Tahoe;

/// <summary>The magic-folder reader: the newest entry it has read from each writer's log.</summary>
public sealed record ReaderState(ImmutableArray<LogEntry?> Known, int Polls = 0)
{
    public static ReaderState Initial(int writers) => new([.. Enumerable.Repeat<LogEntry?>(null, writers)]);
}
