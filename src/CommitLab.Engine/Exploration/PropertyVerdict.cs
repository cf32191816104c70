namespace CommitLab.Engine.Exploration;

/// <summary>A property's outcome; <see cref="Counterexample"/> is set exactly when it was violated.</summary>
public sealed record PropertyVerdict(string Name, string Description, PropertyKind Kind, Verdict Verdict, Counterexample? Counterexample);
