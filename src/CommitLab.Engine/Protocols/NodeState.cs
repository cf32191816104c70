namespace CommitLab.Engine.Protocols;

/// <summary>
/// A node's volatile state: lost on a crash. Each role derives an immutable record from it, so states
/// compare by value and hash cheaply (an explorer can deduplicate them).
/// </summary>
public abstract record NodeState(Phase Phase)
{
    /// <summary>Feeds every field, in a fixed order, to a world state's fingerprint (see <see cref="Simulation.WorldState.Fingerprint"/>).</summary>
    internal abstract void AddTo(ref Simulation.StateHasher h);
}
