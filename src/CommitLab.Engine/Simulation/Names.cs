using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Simulation;

/// <summary>Text forms of run outcomes.</summary>
public static class OutcomeNames
{
    public static string Of(RunOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static bool TryParse(string text, out RunOutcome outcome) =>
        Enum.TryParse(text.Trim(), ignoreCase: true, out outcome) && Enum.IsDefined(outcome) && !int.TryParse(text, out _);
}
