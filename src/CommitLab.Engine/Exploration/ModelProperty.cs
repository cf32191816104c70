namespace CommitLab.Engine.Exploration;

/// <summary>When a property is checked.</summary>
public enum PropertyKind
{
    /// <summary>Must hold in every reachable state (TLC's <c>INVARIANT</c>).</summary>
    Invariant,

    /// <summary>
    /// Must hold in every terminal state: one whose every enabled action leaves it unchanged (or
    /// that has none). TLA+ specs rarely deadlock outright, because receiving a message twice is a
    /// step that changes nothing, so "nowhere else to go" is the useful meaning of terminal.
    /// </summary>
    Terminal,
}

/// <summary>A named property of a model, with the sentence a student reads beside its verdict.</summary>
/// <param name="Name">The key in reports: <c>atomicity</c>, <c>validity</c>, <c>nonblocking</c>, <c>typeOK</c>.</param>
/// <param name="Description">What holding means, in the literature's words.</param>
/// <param name="Holds">True when the state satisfies the property.</param>
public sealed record ModelProperty<TState>(string Name, string Description, PropertyKind Kind, Func<TState, bool> Holds);
