namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>The explorer's handle on a <see cref="ScenarioWorld"/>: a struct, as <see cref="IModel{TState}"/> asks, comparing by the world's value.</summary>
public readonly record struct ScenarioState(ScenarioWorld World)
{
    public bool Equals(ScenarioState other) => World.Equals(other.World);

    public override int GetHashCode() => World.GetHashCode();
}
