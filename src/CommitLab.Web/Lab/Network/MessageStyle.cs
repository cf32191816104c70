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
        _ => kind.ToString().ToUpperInvariant(),
    };

    public static MessageShape Shape(MessageKind kind) => kind switch
    {
        MessageKind.Prepare or MessageKind.CanCommit => MessageShape.Circle,
        MessageKind.VoteYes or MessageKind.VoteNo or MessageKind.VoteReadOnly => MessageShape.Triangle,
        MessageKind.Commit or MessageKind.DoCommit => MessageShape.Diamond,
        MessageKind.Abort => MessageShape.Square,
        MessageKind.PreCommit => MessageShape.Hexagon,
        MessageKind.Ack => MessageShape.Triangle,
        _ => MessageShape.Question,
    };

    /// <summary>A CSS class naming the message's family; the stylesheet colours families.</summary>
    public static string Family(MessageKind kind) => kind switch
    {
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
