using System.Collections.Immutable;

namespace CommitLab.Engine.Tahoe;

/// <summary>The magic-folder reader: the newest entry it has read from each writer's log.</summary>
public sealed record ReaderState(ImmutableArray<LogEntry?> Known, int Polls = 0)
{
    public static ReaderState Initial(int writers) => new([.. Enumerable.Repeat<LogEntry?>(null, writers)]);

    /// <summary>By value, like every node state.</summary>
    public bool Equals(ReaderState? other) => other is not null && Polls == other.Polls && Known.SequenceEqual(other.Known);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Polls);
        foreach (var entry in Known)
        {
            hash.Add(entry);
        }

        return hash.ToHashCode();
    }
}
