namespace CommitLab.Engine.Exploration;

/// <summary>One step of a model: which action (an index the model names with <see cref="IModel{TState}.ActionName"/>) and where it leads.</summary>
public readonly record struct Transition<TState>(int Action, TState Next);
