namespace CommitLab.Engine.Protocols;

/// <summary>
/// The payload of a message whose protocol needs more than a kind, a decision and a phase (Tahoe-LAFS
/// versions, log entries, refusals). Immutable and compared by value, so two messages are equal only
/// when their payloads are, and a world state's fingerprint covers it.
/// </summary>
public abstract record MessageBody
{
    /// <summary>What the trace and the Lab print after the message's kind, with a leading space (" W1#1", " (locked for W2 try 1)").</summary>
    public abstract string Label { get; }

    /// <summary>Every field as one word, in a fixed order (see <see cref="Simulation.WorldState.Fingerprint"/>).</summary>
    internal abstract ulong Fingerprint();
}
