using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A storage server's share of the file: the version it holds and, in 2PC, the lock and the staged
/// version of the one transaction it is prepared for. In the magic folder it holds each writer's
/// log instead (one entry per writer, null until that writer appends).
/// </summary>
public sealed record ServerState(FileVersion Current, TxnId? Lock = null, FileVersion? Staged = null) : NodeState(Protocols.Phase.Working)
{
    public ImmutableArray<LogEntry?> Logs { get; init; } = [];

    public static ServerState Initial(int writers) => new(FileVersion.Initial) { Logs = [.. Enumerable.Repeat<LogEntry?>(null, writers)] };

    /// <summary>By value, logs included (an immutable array alone would compare by reference).</summary>
    public bool Equals(ServerState? other) =>
        other is not null && Current == other.Current && Lock == other.Lock && Staged == other.Staged && Logs.SequenceEqual(other.Logs);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Current);
        hash.Add(Lock);
        hash.Add(Staged);
        foreach (var entry in Logs)
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
        var lockWord = Lock is { } held ? StateHasher.Of(held.Writer) ^ ((ulong)(uint)held.Attempt << 40) : 0;
        h.Add(0x11UL ^ FileVersion.Fingerprint(Current), lockWord);
        h.Add(FileVersion.Fingerprint(Staged), (ulong)(uint)Logs.Length);
        foreach (var entry in Logs)
        {
            h.Add(LogEntry.Fingerprint(entry));
        }

        return h.Raw;
    }
}
