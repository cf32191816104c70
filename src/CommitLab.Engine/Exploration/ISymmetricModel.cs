namespace CommitLab.Engine.Exploration;

/// <summary>
/// A model whose participants are interchangeable: renaming them maps reachable states to reachable
/// states and keeps every property's verdict. The explorer can then count states up to that renaming
/// (TLC's <c>SYMMETRY Permutations(RM)</c>).
/// </summary>
public interface ISymmetricModel<TState> : IModel<TState>
    where TState : struct, IEquatable<TState>
{
    /// <summary>The one representative of the state's class: the same for every permutation of the participants.</summary>
    TState Canonical(TState state);
}
