using System.Globalization;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>
/// How the diagram names messages and times: capitals as the lecture writes them, plus the payload
/// that matters ("ACK(COMMIT)", "DECISION(?)", "STATE-REPORT(UNCERTAIN)").
/// </summary>
public static class MessageLabels
{
    public static string Label(MessageKind kind, Outcome decision, Phase state)
    {
        var name = Names.Of(kind).ToUpperInvariant();
        return kind switch
        {
            MessageKind.Ack when decision != Outcome.None => $"{name}({Names.Of(decision).ToUpperInvariant()})",
            MessageKind.Decision => decision == Outcome.None ? $"{name}(?)" : $"{name}({Names.Of(decision).ToUpperInvariant()})",
            MessageKind.StateReport => $"{name}({Names.Of(state).ToUpperInvariant()})",
            MessageKind.Phase2a or MessageKind.Phase2b or MessageKind.Phase1b when decision != Outcome.None =>
                $"{name}({(decision == Outcome.Commit ? "PREPARED" : "ABORTED")})",
            _ => name,
        };
    }

    /// <summary>
    /// A few letters for arrows too short or too crowded for <see cref="Label"/> (a blocked run sends
    /// dozens of requests at once). The exported SVG's legend spells each one out.
    /// </summary>
    public static string ShortLabel(MessageKind kind, Outcome decision, Phase state) => kind switch
    {
        MessageKind.Prepare => "PREP",
        MessageKind.VoteYes => "YES",
        MessageKind.VoteNo => "NO",
        MessageKind.VoteReadOnly => "RO",
        MessageKind.Commit => "COM",
        MessageKind.Abort => "ABT",
        MessageKind.Ack when decision == Outcome.Commit => "ACK:C",
        MessageKind.Ack when decision == Outcome.Abort => "ACK:A",
        MessageKind.Ack => "ACK",
        MessageKind.CanCommit => "CAN?",
        MessageKind.PreCommit => "PRE",
        MessageKind.DoCommit => "DO",
        MessageKind.DecisionReq => "ASK",
        MessageKind.Decision when decision == Outcome.Commit => "D:C",
        MessageKind.Decision when decision == Outcome.Abort => "D:A",
        MessageKind.Decision => "D:?",
        MessageKind.StateReq => "ST?",
        MessageKind.StateReport => "ST:" + state switch
        {
            Phase.Working => "W",
            Phase.Uncertain => "U",
            Phase.PreCommitted => "PC",
            Phase.Committed => "C",
            _ => "A",
        },
        MessageKind.Phase1a => "1a",
        MessageKind.Phase1b => "1b",
        MessageKind.Phase2a => decision == Outcome.Abort ? "2a:A" : "2a:P",
        MessageKind.Phase2b => decision == Outcome.Abort ? "2b:A" : "2b:P",
        _ => Names.Of(kind),
    };

    /// <summary>A tick as students read it: "135 ms".</summary>
    public static string Ms(long tick) => tick.ToString(CultureInfo.InvariantCulture) + " ms";

    /// <summary>A gridline label: milliseconds, or whole seconds once the gridlines are that far apart.</summary>
    public static string Axis(long tick, long step) =>
        step >= 1000 && tick % 1000 == 0
            ? (tick / 1000).ToString(CultureInfo.InvariantCulture) + " s"
            : Ms(tick);
}
