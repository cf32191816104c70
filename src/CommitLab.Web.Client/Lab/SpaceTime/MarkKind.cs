namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>The moments on a node's lane worth a glyph of their own.</summary>
public enum MarkKind
{
    Crash,
    Recover,

    /// <summary>The node decided; <see cref="SpaceTimeMark.Decision"/> says commit or abort.</summary>
    Decision,

    /// <summary>A forced (synchronous) log write; <see cref="SpaceTimeMark.Record"/> says which record.</summary>
    ForcedWrite,

    /// <summary>The node's failure detector started suspecting <see cref="SpaceTimeMark.Peer"/>.</summary>
    Suspect,

    /// <summary>The node froze; <see cref="SpaceTimeMark.UntilTick"/> says until when.</summary>
    Freeze,

    /// <summary>A monitor found a safety violation; drawn on the lane of the node whose decision broke it.</summary>
    Violation,
}
