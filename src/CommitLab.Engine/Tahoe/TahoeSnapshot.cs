using System.Collections.Immutable;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Tahoe;

/// <summary>A writer as the Lab draws it.</summary>
public sealed record TahoeWriterView(string Name, bool Up, WriterPhase Phase, int Attempt, string? Proposed, string? Refusal, long StartsAt);

/// <summary>A storage server as the Lab draws it: its version, and in 2PC its lock and staged share.</summary>
public sealed record TahoeServerView(string Name, bool Up, FileVersion Current, TxnId? Lock, FileVersion? Staged, ImmutableArray<string> LogWriters);

/// <summary>The magic-folder reader: whose edits it has read, and the folder it shows.</summary>
public sealed record TahoeReaderView(bool Up, ImmutableArray<string> Known, MergedFolder Folder);

/// <summary>A message on the wire, with its id so the Lab can draw it moving from sender to receiver.</summary>
public sealed record TahoeMessageView(long Id, string From, string To, MessageKind Kind, string Label, long SentAt, long ArrivesAt);

/// <summary>An immutable picture of a Tahoe run at one moment; everything the Lab shows comes from it.</summary>
/// <param name="StopMessage">Set when the run stopped at its event limit.</param>
public sealed record TahoeSnapshot(
    long Tick,
    long Steps,
    bool Finished,
    TahoeMode Mode,
    ImmutableArray<TahoeWriterView> Writers,
    ImmutableArray<TahoeServerView> Servers,
    TahoeReaderView? Reader,
    ImmutableArray<TahoeMessageView> InFlight,
    ImmutableArray<(string From, string To)> CutLinks,
    TahoeVerdict Verdict,
    string? StopMessage = null);
