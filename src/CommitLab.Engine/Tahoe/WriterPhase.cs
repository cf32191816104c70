namespace CommitLab.Engine.Tahoe;

/// <summary>Where a writer is in its update, named the way the lesson tells it.</summary>
public enum WriterPhase : byte
{
    /// <summary>Before its start tick.</summary>
    Waiting,

    /// <summary>Asking every server for its current version (or, in the magic folder, its logs).</summary>
    Reading,

    /// <summary>Uncoordinated: sending its version to every server. Magic folder: appending to its own log.</summary>
    Writing,

    /// <summary>2PC: asked every server to lock and stage its version; waiting for the votes.</summary>
    Preparing,

    /// <summary>2PC: every server voted yes; the commit is logged and being delivered.</summary>
    Committing,

    /// <summary>2PC: a server voted no; telling every server to drop the staged version.</summary>
    Aborting,

    /// <summary>2PC: refused, waiting a random while before trying again.</summary>
    Backoff,

    /// <summary>Told that its update succeeded.</summary>
    Done,

    /// <summary>Told "no can do" and not retrying.</summary>
    GaveUp,
}

public static class WriterPhases
{
    public static string Name(WriterPhase phase) => phase switch
    {
        WriterPhase.Backoff => "backing off",
        WriterPhase.GaveUp => "gave up",
        _ => phase.ToString().ToLowerInvariant(),
    };

    /// <summary>Finished: nothing more will happen to this writer's update.</summary>
    public static bool IsFinal(WriterPhase phase) => phase is WriterPhase.Done or WriterPhase.GaveUp;
}
