using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tahoe;

/// <summary>The magic-folder reader: the newest entry it has read from each writer's log.</summary>
public sealed record ReaderState(ImmutableArray<LogEntry?> Known, int Polls = 0) : NodeState(Protocols.Phase.Working)
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

    // Hashed here rather than packed (the fields do not fit two words); the value is the one the explorer has always used.
    internal override (ulong First, ulong Second) FingerprintWords() => (Fingerprint(), 0);

    internal override ulong Fingerprint()
    {
        var h = default(StateHasher);
        h.Add(0x12UL | ((ulong)(uint)Polls << 8), (ulong)(uint)Known.Length);
        foreach (var entry in Known)
        {
            h.Add(LogEntry.Fingerprint(entry));
        }

        return h.Raw;
    }
}
