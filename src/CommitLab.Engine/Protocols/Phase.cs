namespace CommitLab.Engine.Protocols;

/// <summary>
/// The protocol state of a node as the literature names it. A participant moves
/// Working -> Uncertain (voted yes) -> [PreCommitted, 3PC only] -> Committed or Aborted,
/// or, with the read-only optimisation, Working -> ReadOnly.
/// </summary>
public enum Phase : byte
{
    Working,
    Uncertain,
    PreCommitted,
    Committed,
    Aborted,

    /// <summary>Voted READ-ONLY: released its locks and left the protocol; it neither commits nor aborts anything.</summary>
    ReadOnly,
}
