using System.Collections.Immutable;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A message between Tahoe nodes. <see cref="Attempt"/> ties replies to the writer's attempt they
/// answer, so a late reply to an abandoned attempt is recognised. Only the fields a kind needs are set.
/// </summary>
public sealed record TahoeMessage(TahoeMessageKind Kind, int Attempt = 0, FileVersion? Version = null, LogEntry? Entry = null, string? Reason = null)
{
    /// <summary>Magic folder, read-reply: the entry of each writer's log the server holds (null: none yet).</summary>
    public ImmutableArray<LogEntry?> Logs { get; init; } = [];

    /// <summary>A short label for traces and the Lab: "prepare W1#1", "vote-no (locked for W2 try 1)".</summary>
    public string Label
    {
        get
        {
            var name = TahoeMessageKinds.Name(Kind);
            var version = Version is { } v ? " " + v.Label : "";
            var entry = Entry is { } e ? $" {e.Writer}'s edit" : "";
            var reason = Reason is { } r ? $" ({r})" : "";
            return name + version + entry + reason;
        }
    }
}
