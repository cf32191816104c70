using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// What a Tahoe message carries besides its kind. <see cref="Attempt"/> ties replies to the writer's
/// attempt they answer, so a late reply to an abandoned attempt is recognised. Only the fields a kind
/// needs are set.
/// </summary>
public sealed record TahoePayload(int Attempt, FileVersion? Version = null, LogEntry? Entry = null, string? Reason = null) : MessageBody
{
    /// <summary>Magic folder, read-reply: the entry of each writer's log the server holds (null: none yet).</summary>
    public ImmutableArray<LogEntry?> Logs { get; init; } = [];

    /// <summary>" W1#1", " W1's edit", " (locked for W2 try 1)": what the trace prints after the kind.</summary>
    public override string Label
    {
        get
        {
            var version = Version is { } v ? " " + v.Label : "";
            var entry = Entry is { } e ? $" {e.Writer}'s edit" : "";
            var reason = Reason is { } r ? $" ({r})" : "";
            return version + entry + reason;
        }
    }

    /// <summary>By value, logs included (an immutable array alone would compare by reference).</summary>
    public bool Equals(TahoePayload? other) =>
        other is not null && Attempt == other.Attempt && Version == other.Version && Entry == other.Entry && Reason == other.Reason && Logs.SequenceEqual(other.Logs);

    public override int GetHashCode() => HashCode.Combine(Attempt, Version, Entry, Reason, Logs.Length);

    internal override ulong Fingerprint()
    {
        var h = default(StateHasher);
        h.Add((ulong)(uint)Attempt, FileVersion.Fingerprint(Version));
        h.Add(LogEntry.Fingerprint(Entry), StateHasher.Of(Reason));
        foreach (var log in Logs)
        {
            h.Add(LogEntry.Fingerprint(log));
        }

        return h.Raw;
    }
}
