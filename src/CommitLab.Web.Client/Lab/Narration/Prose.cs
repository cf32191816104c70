using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// The words narration uses for protocol vocabulary. Message and record names are in capitals, as
/// the lecture writes them (PREPARE, PREPARED), so a student can match a sentence to the diagram.
/// </summary>
internal static class Prose
{
    public static string Ms(long ticks) => ticks.ToString(CultureInfo.InvariantCulture) + " ms";

    /// <summary>"P1", "P1 and P2", "P1, P2 and P3".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "nobody",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    public static string OutcomeWord(Outcome outcome) => outcome switch
    {
        Outcome.Commit => "COMMIT",
        Outcome.Abort => "ABORT",
        _ => "no outcome",
    };

    public static string RecordWord(LogRecordKind record) => Names.Of(record).ToUpperInvariant() switch
    {
        "PRECOMMIT" => "PRE-COMMIT",
        var name => name,
    };

    public static string PhaseWord(Phase phase) => phase switch
    {
        Phase.Working => "still working",
        Phase.Uncertain => "uncertain",
        Phase.PreCommitted => "pre-committed",
        Phase.Committed => "committed",
        Phase.Aborted => "aborted",
        Phase.ReadOnly => "read-only",
        _ => phase.ToString(),
    };

    /// <summary>What a message is, as a noun: "PREPARE", "YES vote", "request for the outcome".</summary>
    public static string MessageWord(MessageKind kind, Outcome decision, Phase state) => kind switch
    {
        MessageKind.Prepare => "PREPARE",
        MessageKind.VoteYes => "YES vote",
        MessageKind.VoteNo => "NO vote",
        MessageKind.VoteReadOnly => "READ-ONLY vote",
        MessageKind.Commit => "COMMIT",
        MessageKind.Abort => "ABORT",
        MessageKind.Ack when decision != Outcome.None => "ACK of " + OutcomeWord(decision),
        MessageKind.Ack when state == Phase.PreCommitted => "ACK of PRE-COMMIT",
        MessageKind.Ack => "ACK",
        MessageKind.CanCommit => "CAN-COMMIT?",
        MessageKind.PreCommit => "PRE-COMMIT",
        MessageKind.DoCommit => "DO-COMMIT",
        MessageKind.DecisionReq => "request for the outcome",
        MessageKind.Decision when decision == Outcome.None => "reply (outcome unknown)",
        MessageKind.Decision => "reply (" + OutcomeWord(decision) + ")",
        MessageKind.StateReq => "state request",
        MessageKind.StateReport => "state report (" + PhaseWord(state) + ")",
        _ => Names.Of(kind),
    };

    /// <summary>Why a message never arrived, as the end of a sentence.</summary>
    public static string DropWhy(DropReason reason, string from, string to) => reason switch
    {
        DropReason.Loss => "the network lost it",
        DropReason.LinkCut => $"the link from {from} to {to} is cut",
        DropReason.ReceiverDown => $"{to} is down",
        DropReason.Injected => "a fault dropped it",
        _ => "it vanished",
    };

    /// <summary>Engine texts write times as "t=285"; students read milliseconds.</summary>
    public static string Times(string text)
    {
        var sb = new System.Text.StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == 't' && i + 2 < text.Length && text[i + 1] == '=' && char.IsAsciiDigit(text[i + 2]) &&
                (i == 0 || !char.IsLetterOrDigit(text[i - 1])))
            {
                var j = i + 2;
                while (j < text.Length && char.IsAsciiDigit(text[j]))
                {
                    j++;
                }

                sb.Append(text, i + 2, j - i - 2).Append(" ms");
                i = j - 1;
                continue;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }
}
