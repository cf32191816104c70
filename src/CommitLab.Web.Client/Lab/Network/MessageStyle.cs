using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.Network;

/// <summary>The marker shapes messages are drawn with: shape and label carry the kind, colour only adds to it.</summary>
public enum MessageShape
{
    Circle,
    Diamond,
    Square,
    Triangle,
    Hexagon,
    Question,
}

/// <summary>How each message kind looks: a short label, a shape and a CSS class for its colour.</summary>
public static class MessageStyle
{
    public static string Label(MessageKind kind, Outcome decision = Outcome.None, Phase state = Phase.Working) => kind switch
    {
        MessageKind.Prepare => "PREPARE",
        MessageKind.VoteYes => "YES",
        MessageKind.VoteNo => "NO",
        MessageKind.VoteReadOnly => "READ-ONLY",
        MessageKind.Commit => "COMMIT",
        MessageKind.Abort => "ABORT",
        MessageKind.Ack => "ACK",
        MessageKind.CanCommit => "CAN-COMMIT?",
        MessageKind.PreCommit => "PRE-COMMIT",
        MessageKind.DoCommit => "DO-COMMIT",
        MessageKind.DecisionReq => "OUTCOME?",
        MessageKind.Decision => decision switch
        {
            Outcome.Commit => "IT'S COMMIT",
            Outcome.Abort => "IT'S ABORT",
            _ => "DON'T KNOW",
        },
        MessageKind.StateReq => "STATE?",
        MessageKind.StateReport => $"I'M {Names.Of(state).ToUpperInvariant()}",
        MessageKind.Phase1a => "1a PROMISE?",
        MessageKind.Phase1b => "1b PROMISE",
        MessageKind.Phase2a => decision == Outcome.Abort ? "2a ABORTED" : "2a PREPARED",
        MessageKind.Phase2b => decision == Outcome.Abort ? "2b ABORTED" : "2b PREPARED",
        _ => kind.ToString().ToUpperInvariant(),
    };

    /// <summary>
    /// What a message kind is called in the legend: its label's word, or what it does where the label
    /// varies. A reply drawn like its question is told by the question's word (null): the legend must
    /// fit beside the run on a projector, and the reply's own label says what it is.
    /// </summary>
    public static string? LegendWord(MessageKind kind) => kind switch
    {
        MessageKind.DecisionReq => "asking for the outcome",
        MessageKind.Decision => null,
        MessageKind.StateReq => "state request",
        MessageKind.StateReport => null,
        MessageKind.Phase2a => "2a proposal",
        MessageKind.Phase2b => "2b accepted",
        MessageKind.ReadReply => "read reply",
        MessageKind.WriteAck => "write ack",
        MessageKind.AppendAck => "append ack",
        _ => Label(kind).ToLowerInvariant(),
    };

    public static MessageShape Shape(MessageKind kind) => kind switch
    {
        MessageKind.Prepare or MessageKind.CanCommit => MessageShape.Circle,
        MessageKind.VoteYes or MessageKind.VoteNo or MessageKind.VoteReadOnly => MessageShape.Triangle,
        MessageKind.Commit or MessageKind.DoCommit => MessageShape.Diamond,
        MessageKind.Abort => MessageShape.Square,
        MessageKind.PreCommit => MessageShape.Hexagon,
        MessageKind.Ack => MessageShape.Triangle,
        MessageKind.Phase1a => MessageShape.Circle,
        MessageKind.Phase1b or MessageKind.Phase2a => MessageShape.Triangle,
        MessageKind.Phase2b => MessageShape.Hexagon,
        _ => MessageShape.Question,
    };

    /// <summary>A CSS class naming the message's family; the stylesheet colours families.</summary>
    /// <remarks>Paxos Commit's phase 2 messages take the colour of their value (a Prepared vote is a YES).</remarks>
    public static string Family(MessageKind kind, Outcome decision = Outcome.None) => kind switch
    {
        MessageKind.Phase2a or MessageKind.Phase2b => decision == Outcome.Abort ? "msg-no" : "msg-yes",
        MessageKind.Phase1a => "msg-request",
        MessageKind.Prepare or MessageKind.CanCommit => "msg-request",
        MessageKind.VoteYes => "msg-yes",
        MessageKind.VoteNo => "msg-no",
        MessageKind.Commit or MessageKind.DoCommit => "msg-commit",
        MessageKind.Abort => "msg-abort",
        MessageKind.PreCommit => "msg-precommit",
        MessageKind.Ack => "msg-ack",
        _ => "msg-termination",
    };
}
