namespace CommitLab.Engine.Protocols;

/// <summary>
/// A node's volatile state: lost on a crash. Each role derives an immutable record from it, so states
/// compare by value and hash cheaply (an explorer can deduplicate them).
/// </summary>
public abstract record NodeState(Phase Phase)
{
    /// <summary>
    /// Every field, in a fixed order, packed into two words for a world state's fingerprint (see
    /// <see cref="Simulation.WorldState.Fingerprint"/>), which pairs them with its own words: packing
    /// rather than hashing here saves a multiply per node. A role whose fields do not fit (lists,
    /// names) returns its own hash as the first word. Returned rather than fed to a shared hasher, so
    /// each hasher stays in registers.
    /// </summary>
    internal abstract (ulong First, ulong Second) FingerprintWords();

    /// <summary>
    /// The two words of <see cref="FingerprintWords"/> mixed into one, for a state hashed on its own
    /// (the explorer's worlds, a checkpoint). A role whose state is one word, or is hashed anyway,
    /// returns that. These values are what the explorer has always used: its breadth-first search
    /// breaks ties by fingerprint, so keeping them keeps its counterexamples the same.
    /// </summary>
    internal virtual ulong Fingerprint()
    {
        var (first, second) = FingerprintWords();
        return Simulation.StateHasher.Mix(first, second);
    }
}
