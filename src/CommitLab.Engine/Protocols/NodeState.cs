namespace CommitLab.Engine.Protocols;

/// <summary>
/// A node's volatile state: lost on a crash. Each role derives an immutable record from it, so states
/// compare by value and hash cheaply (an explorer can deduplicate them).
/// </summary>
public abstract record NodeState(Phase Phase)
{
    /// <summary>
    /// Every field, in a fixed order, as one word for a world state's fingerprint (see
    /// <see cref="Simulation.WorldState.Fingerprint"/>). Returned rather than fed to a shared hasher,
    /// so each hasher stays in registers.
    /// </summary>
    internal abstract ulong Fingerprint();
}
