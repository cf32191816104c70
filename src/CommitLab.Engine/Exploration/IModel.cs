namespace CommitLab.Engine.Exploration;

/// <summary>
/// A state machine the <see cref="Explorer"/> can enumerate, written the way a TLA+ spec is: initial
/// states, a next-state relation made of named actions, and properties. States are plain values; the
/// explorer deduplicates them by <see cref="Fingerprint"/> and keeps only fingerprints, so a state
/// should be small (the reference models pack theirs into one <see cref="ulong"/>).
/// </summary>
/// <typeparam name="TState">An immutable value; equal states must have equal fingerprints.</typeparam>
public interface IModel<TState>
    where TState : struct, IEquatable<TState>
{
    /// <summary>The name a user types (<c>twophase-tla</c>) and the report prints.</summary>
    string Name { get; }

    /// <summary>The most transitions <see cref="Successors"/> can write for one state; sizes the buffer it is given.</summary>
    int MaxSuccessors { get; }

    /// <summary>The states the system may start in (TLA+'s <c>Init</c>).</summary>
    IReadOnlyList<TState> InitialStates { get; }

    /// <summary>What is checked: invariants in every reachable state, terminal properties in states with nowhere else to go.</summary>
    IReadOnlyList<ModelProperty<TState>> Properties { get; }

    /// <summary>
    /// Writes one transition per enabled action instance (TLA+'s <c>Next</c>, one disjunct per
    /// action and parameter) into <paramref name="into"/> and returns how many. A step that leaves
    /// the state unchanged is still a transition, as TLC counts it.
    /// </summary>
    int Successors(TState state, Span<Transition<TState>> into);

    /// <summary>A 64-bit hash of the state; the explorer treats equal fingerprints as the same state.</summary>
    ulong Fingerprint(TState state);

    /// <summary>The readable name of action number <paramref name="action"/>, e.g. <c>RMPrepare(r2)</c>.</summary>
    string ActionName(int action);

    /// <summary>The state as a student reads it in a counterexample.</summary>
    string Describe(TState state);

    /// <summary>
    /// About how many bytes one state holds while it waits in a frontier, for the memory the
    /// explorer reports: the struct itself, unless it refers to objects of its own.
    /// </summary>
    int StateBytes => System.Runtime.CompilerServices.Unsafe.SizeOf<TState>();
}
