using System.Collections.Immutable;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A storage server's share of the file: the version it holds and, in 2PC, the lock and the staged
/// version of the one transaction it is prepared for. In the magic folder it holds each writer's
/// log instead (one entry per writer, null until that writer appends).
/// </summary>
public sealed record ServerState(FileVersion Current, TxnId? Lock = null, FileVersion? Staged = null)
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
}
