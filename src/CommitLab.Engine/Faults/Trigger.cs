using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Faults;

/// <summary>
/// A protocol event that fires a fault, once, at the moment it happens: "L logs commit",
/// "L sends pre-commit to P1", "P2 enters uncertain", "P1 receives prepare".
/// Exactly one of <see cref="Record"/>, <see cref="Message"/>, <see cref="State"/> is set, matching <see cref="Kind"/>.
/// </summary>
public sealed record Trigger(
    TriggerKind Kind,
    string Node,
    LogRecordKind? Record = null,
    MessageKind? Message = null,
    Phase? State = null,
    string? Peer = null)
{
    public string ToText() => Kind switch
    {
        TriggerKind.Logs => $"{Node} logs {Names.Of(Record!.Value)}",
        TriggerKind.Sends => $"{Node} sends {Names.Of(Message!.Value)}" + (Peer is null ? "" : $" to {Peer}"),
        TriggerKind.Receives => $"{Node} receives {Names.Of(Message!.Value)}" + (Peer is null ? "" : $" from {Peer}"),
        TriggerKind.Enters => $"{Node} enters {Names.Of(State!.Value)}",
        _ => throw new InvalidOperationException($"Unknown trigger kind {Kind}."),
    };

    public override string ToString() => ToText();
}
