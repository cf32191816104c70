namespace CommitLab.Engine.Protocols;

/// <summary>
/// A node's whole state saved to its durable log, with what the write means in words. Roles that
/// keep their state this way (the Tahoe-LAFS nodes) recover from their last checkpoint.
/// </summary>
public sealed record Checkpoint(NodeState State, string Text)
{
    internal ulong Fingerprint()
    {
        var h = default(Simulation.StateHasher);
        h.Add(State.Fingerprint(), Simulation.StateHasher.Of(Text));
        return h.Raw;
    }
}
