using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Services;

/// <summary>What the home page shows after a quick run: how it ended, how many messages, how long.</summary>
/// <param name="Protocol">The protocol that ran.</param>
/// <param name="Participants">How many participants took part (the coordinator is extra).</param>
/// <param name="Outcome">How the run ended.</param>
/// <param name="Messages">Messages handed to the network.</param>
/// <param name="Ticks">Virtual time the run took; one tick reads as one millisecond.</param>
public sealed record QuickRunResult(ProtocolKind Protocol, int Participants, RunOutcome Outcome, int Messages, long Ticks)
{
    /// <summary>The outcome as the CLI and scenario files spell it: "committed", "aborted", ...</summary>
    public string OutcomeText => Outcome switch
    {
        RunOutcome.Committed => "committed",
        RunOutcome.Aborted => "aborted",
        RunOutcome.Blocked => "blocked",
        RunOutcome.Violation => "violation",
        RunOutcome.Undecided => "undecided",
        _ => Outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>One line, for example "committed — 12 messages, 131 ticks".</summary>
    public string Summary =>
        $"{OutcomeText} — {Messages} message{(Messages == 1 ? "" : "s")}, {Ticks} tick{(Ticks == 1 ? "" : "s")}";

    /// <summary>
    /// Where the message count comes from, so the number teaches something: each participant
    /// exchanges a fixed set of messages with the coordinator when nothing goes wrong.
    /// </summary>
    public string Explanation
    {
        get
        {
            var (perParticipant, kinds) = Protocol == ProtocolKind.TwoPhase
                ? (4, "prepare, vote, decision, ack")
                : (6, "can-commit, vote, pre-commit, ack, do-commit, ack");
            var who = Participants == 1 ? "the participant" : $"each of the {Participants} participants";
            return $"Without faults {ProtocolLabel(Protocol)} exchanges {perParticipant} messages with {who} " +
                   $"({kinds}): {perParticipant} × {Participants} = {perParticipant * Participants}.";
        }
    }

    /// <summary>"2PC" or "3PC", as people write it.</summary>
    public static string ProtocolLabel(ProtocolKind protocol) => Names.Of(protocol).ToUpperInvariant();
}
