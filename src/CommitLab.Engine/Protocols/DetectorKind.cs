namespace CommitLab.Engine.Protocols;

/// <summary>How nodes come to suspect one another.</summary>
public enum DetectorKind
{
    /// <summary>Suspects a node after some ticks of silence: wrong under cut links and frozen nodes.</summary>
    Timeout,

    /// <summary>An oracle: suspects exactly the crashed nodes, after a delay, and never a live one.</summary>
    Perfect,
}
