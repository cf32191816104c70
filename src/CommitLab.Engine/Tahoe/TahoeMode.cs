namespace CommitLab.Engine.Tahoe;

/// <summary>How several writers update the one mutable file the storage servers hold shares of.</summary>
public enum TahoeMode
{
    /// <summary>Each writer writes its version to every server; a server keeps whatever arrived last.</summary>
    Uncoordinated,

    /// <summary>End-to-end two-phase commit: each writer is the coordinator of its own update.</summary>
    TwoPhase,

    /// <summary>No shared writes: each writer appends to its own log, and a reader merges the logs.</summary>
    MagicFolder,
}

/// <summary>Mode names as scenario files, the CLI and the Lab spell them.</summary>
public static class TahoeModes
{
    public static readonly string[] All = ["uncoordinated", "2pc", "magic-folder"];

    public static string Name(TahoeMode mode) => mode switch
    {
        TahoeMode.Uncoordinated => "uncoordinated",
        TahoeMode.TwoPhase => "2pc",
        _ => "magic-folder",
    };

    public static TahoeMode? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "uncoordinated" => TahoeMode.Uncoordinated,
        "2pc" => TahoeMode.TwoPhase,
        "magic-folder" => TahoeMode.MagicFolder,
        _ => null,
    };

    /// <summary>The protocol a mode runs as on the simulator.</summary>
    public static Protocols.ProtocolKind Protocol(TahoeMode mode) => mode switch
    {
        TahoeMode.Uncoordinated => Protocols.ProtocolKind.TahoeUncoordinated,
        TahoeMode.TwoPhase => Protocols.ProtocolKind.TahoeTwoPhase,
        _ => Protocols.ProtocolKind.TahoeMagicFolder,
    };

    /// <summary>The mode of a Tahoe protocol.</summary>
    public static TahoeMode Of(Protocols.ProtocolKind protocol) => protocol switch
    {
        Protocols.ProtocolKind.TahoeUncoordinated => TahoeMode.Uncoordinated,
        Protocols.ProtocolKind.TahoeTwoPhase => TahoeMode.TwoPhase,
        Protocols.ProtocolKind.TahoeMagicFolder => TahoeMode.MagicFolder,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "not a Tahoe-LAFS protocol"),
    };
}
