using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tahoe;

/// <summary>Writes a <see cref="TahoeScenario"/> through the one <see cref="ScenarioWriter"/>, for callers not yet on <see cref="Scenario"/>.</summary>
public static class TahoeScenarioWriter
{
    public static string ToYaml(TahoeScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return ScenarioWriter.ToYaml(scenario.ToScenario());
    }
}
