namespace CommitLab.Engine.Protocols;

/// <summary>
/// The text forms of protocol vocabulary, as scenario files, the trace and the UI spell them
/// ("vote-yes", "pre-commit", "precommitted"). One place, so every view reads alike.
/// </summary>
public static class Names
{
    public static string Of(MessageKind kind) => kind switch
    {
        MessageKind.Prepare => "prepare",
        MessageKind.VoteYes => "vote-yes",
        MessageKind.VoteNo => "vote-no",
        MessageKind.Commit => "commit",
        MessageKind.Abort => "abort",
        MessageKind.Ack => "ack",
        MessageKind.CanCommit => "can-commit",
        MessageKind.PreCommit => "pre-commit",
        MessageKind.DoCommit => "do-commit",
        MessageKind.DecisionReq => "decision-req",
        MessageKind.Decision => "decision",
        MessageKind.StateReq => "state-req",
        MessageKind.StateReport => "state-report",
        MessageKind.VoteReadOnly => "vote-read-only",
        MessageKind.Phase1a => "phase-1a",
        MessageKind.Phase1b => "phase-1b",
        MessageKind.Phase2a => "phase-2a",
        MessageKind.Phase2b => "phase-2b",
        MessageKind.Read => "read",
        MessageKind.ReadReply => "read-reply",
        MessageKind.Write => "write",
        MessageKind.WriteAck => "write-ack",
        MessageKind.Append => "append",
        MessageKind.AppendAck => "append-ack",
        MessageKind.Proposal => "proposal",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Of(Phase phase) => phase switch
    {
        Phase.Working => "working",
        Phase.Uncertain => "uncertain",
        Phase.PreCommitted => "precommitted",
        Phase.Committed => "committed",
        Phase.Aborted => "aborted",
        Phase.ReadOnly => "read-only",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, null),
    };

    public static string Of(LogRecordKind record) => record switch
    {
        LogRecordKind.Prepared => "prepared",
        LogRecordKind.PreCommit => "precommit",
        LogRecordKind.Commit => "commit",
        LogRecordKind.Abort => "abort",
        LogRecordKind.End => "end",
        LogRecordKind.Collecting => "collecting",
        LogRecordKind.Promised => "promised",
        LogRecordKind.Accepted => "accepted",
        LogRecordKind.Ballot => "ballot",
        LogRecordKind.Checkpoint => "checkpoint",
        _ => throw new ArgumentOutOfRangeException(nameof(record), record, null),
    };

    public static string Of(Outcome outcome) => outcome switch
    {
        Outcome.None => "none",
        Outcome.Commit => "commit",
        Outcome.Abort => "abort",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static string Of(Presumption presumption) => presumption switch
    {
        Presumption.Nothing => "nothing",
        Presumption.Abort => "abort",
        Presumption.Commit => "commit",
        _ => throw new ArgumentOutOfRangeException(nameof(presumption), presumption, null),
    };

    public static string Of(ProtocolKind protocol) => protocol switch
    {
        ProtocolKind.TwoPhase => "2pc",
        ProtocolKind.ThreePhase => "3pc",
        ProtocolKind.PaxosCommit => "paxos-commit",
        ProtocolKind.TahoeUncoordinated => "tahoe-uncoordinated",
        ProtocolKind.TahoeTwoPhase => "tahoe-2pc",
        ProtocolKind.TahoeMagicFolder => "tahoe-magic-folder",
        ProtocolKind.TwoGenerals => "two-generals",
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, null),
    };

    /// <summary>The Tahoe-LAFS models: writers, storage servers and (magic folder) a reader, not L and P1..Pn.</summary>
    public static bool IsTahoe(ProtocolKind protocol) => protocol is ProtocolKind.TahoeUncoordinated or ProtocolKind.TahoeTwoPhase or ProtocolKind.TahoeMagicFolder;

    /// <summary>The Tahoe-LAFS protocols, one per way the writers coordinate.</summary>
    public static readonly IReadOnlyList<ProtocolKind> TahoeProtocols = [ProtocolKind.TahoeUncoordinated, ProtocolKind.TahoeTwoPhase, ProtocolKind.TahoeMagicFolder];

    /// <summary>
    /// How a Tahoe-LAFS protocol's writers coordinate, as the CLI's <c>--mode</c> and summaries spell
    /// it ("uncoordinated", "2pc", "magic-folder"): the protocol's name without its "tahoe-".
    /// </summary>
    public static string TahoeMode(ProtocolKind protocol) => IsTahoe(protocol)
        ? Of(protocol)[TahoePrefix.Length..]
        : throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "not a Tahoe-LAFS protocol");

    /// <summary>The Tahoe-LAFS protocol whose <see cref="TahoeMode"/> is <paramref name="mode"/> (any case), or null.</summary>
    public static ProtocolKind? ParseTahoeMode(string mode) =>
        TryParse(TahoePrefix + mode.Trim(), TahoeProtocols, Of, out var protocol) ? protocol : null;

    private const string TahoePrefix = "tahoe-";

    public static string Of(DetectorKind detector) => detector == DetectorKind.Perfect ? "perfect" : "timeout";

    public static readonly IReadOnlyList<MessageKind> AllMessages = Enum.GetValues<MessageKind>();
    public static readonly IReadOnlyList<Phase> AllPhases = Enum.GetValues<Phase>();
    public static readonly IReadOnlyList<LogRecordKind> AllRecords = Enum.GetValues<LogRecordKind>();

    /// <summary>What the commit protocols send: the vocabulary of their triggers (the Tahoe kinds come after).</summary>
    public static readonly IReadOnlyList<MessageKind> CommitMessages = [.. AllMessages.Where(k => k < MessageKind.Read)];

    /// <summary>What the commit protocols log (a checkpoint is a Tahoe node's saved state).</summary>
    public static readonly IReadOnlyList<LogRecordKind> CommitRecords = [.. AllRecords.Where(r => r != LogRecordKind.Checkpoint)];

    public static bool TryParseMessage(string text, out MessageKind kind) => TryParse(text, AllMessages, Of, out kind);

    public static bool TryParsePhase(string text, out Phase phase) => TryParse(text, AllPhases, Of, out phase);

    public static bool TryParseRecord(string text, out LogRecordKind record) => TryParse(text, AllRecords, Of, out record);

    private static bool TryParse<T>(string text, IReadOnlyList<T> all, Func<T, string> name, out T value)
    {
        foreach (var candidate in all)
        {
            if (string.Equals(name(candidate), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default!;
        return false;
    }
}
