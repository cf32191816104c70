namespace CommitLab.Engine.Protocols;

/// <summary>
/// The protocol state of a node as the literature names it. A participant moves
/// Working -> Uncertain (voted yes) -> [PreCommitted, 3PC only] -> Committed or Aborted.
/// </summary>
public enum Phase : byte
{
    Working,
    Uncertain,
    PreCommitted,
    Committed,
    Aborted,
}
