using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// What the Tahoe-LAFS nodes send and log in each mode. They persist whole states as checkpoints, not
/// protocol records, and tell their steps as stages, so no node ever leaves <see cref="Phase.Working"/>:
/// no trigger on a log record other than CHECKPOINT, or on a state, fires in a Tahoe run.
/// </summary>
internal static class TahoeVocabulary
{
    private static readonly LogRecordKind[] Checkpoints = [LogRecordKind.Checkpoint];

    private static readonly Phase[] Working = [Phase.Working];

    /// <summary>Each writer writes its version to every server; whatever arrives last stays.</summary>
    public static readonly ProtocolVocabulary Uncoordinated = new(ProtocolKind.TahoeUncoordinated,
    [
        new RoleVocabulary(TahoeWriter.Instance, [MessageKind.Read, MessageKind.Write], Checkpoints, Working),
        new RoleVocabulary(TahoeServer.Instance, [MessageKind.ReadReply, MessageKind.WriteAck], Checkpoints, Working),
    ]);

    /// <summary>Each writer coordinates its own update with the 2PC messages; a server votes and acknowledges.</summary>
    public static readonly ProtocolVocabulary TwoPhase = new(ProtocolKind.TahoeTwoPhase,
    [
        new RoleVocabulary(TahoeWriter.Instance, [MessageKind.Read, MessageKind.Prepare, MessageKind.Commit, MessageKind.Abort], Checkpoints, Working),
        new RoleVocabulary(TahoeServer.Instance, [MessageKind.ReadReply, MessageKind.VoteYes, MessageKind.VoteNo, MessageKind.Ack], Checkpoints, Working),
    ]);

    /// <summary>Each writer appends to its own log; the reader polls every server and keeps nothing durable.</summary>
    public static readonly ProtocolVocabulary MagicFolder = new(ProtocolKind.TahoeMagicFolder,
    [
        new RoleVocabulary(TahoeWriter.Instance, [MessageKind.Read, MessageKind.Append], Checkpoints, Working),
        new RoleVocabulary(TahoeServer.Instance, [MessageKind.ReadReply, MessageKind.AppendAck], Checkpoints, Working),
        new RoleVocabulary(TahoeReader.Instance, [MessageKind.Read], [], Working),
    ]);
}
