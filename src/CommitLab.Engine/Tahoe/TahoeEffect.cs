namespace CommitLab.Engine.Tahoe;

/// <summary>What a Tahoe node asks the simulator to do; handlers never act on the world themselves.</summary>
public abstract record TahoeEffect
{
    private TahoeEffect()
    {
    }

    public sealed record Send(int To, TahoeMessage Message) : TahoeEffect;

    /// <summary>Fires after a delay drawn uniformly from [<see cref="Min"/>, <see cref="Max"/>] ticks (the simulator draws it: nodes never touch randomness).</summary>
    public sealed record SetTimer(TahoeTimer Timer, long Min, long Max) : TahoeEffect;

    /// <summary>
    /// The node's state as returned by this handler becomes durable: it is what the node recovers
    /// from after a crash. A forced write takes time, and every effect after it waits for it, because
    /// a vote or a commit must never leave before the record that backs it is on disk.
    /// </summary>
    public sealed record Persist(string Record, bool Forced) : TahoeEffect;
}
