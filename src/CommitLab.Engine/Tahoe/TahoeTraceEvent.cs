namespace CommitLab.Engine.Tahoe;

/// <summary>
/// One entry of a Tahoe trace. Nodes are indices into <see cref="TahoeTrace.NodeNames"/> (-1: none);
/// <see cref="Text"/> carries what the kind needs in words (a message label, a version, a phase).
/// </summary>
/// <param name="Value">Kind-specific number: arrival tick of a send, 1 for a forced log write.</param>
public readonly record struct TahoeTraceEvent(
    int Index,
    long Tick,
    long Step,
    TahoeTraceKind Kind,
    int Node = -1,
    int Peer = -1,
    long MessageId = 0,
    long Value = 0,
    string? Text = null);
