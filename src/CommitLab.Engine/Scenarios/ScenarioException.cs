namespace CommitLab.Engine.Scenarios;

/// <summary>
/// A scenario that cannot be run: every problem found, not only the first, so a student fixes
/// the file in one go rather than one error per attempt.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(IReadOnlyList<ScenarioError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public ScenarioException()
        : this([])
    {
    }

    public ScenarioException(string message)
        : this([new ScenarioError("scenario", 1, 1, message, null)])
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ScenarioError("scenario", 1, 1, message, null)];
    }

    public IReadOnlyList<ScenarioError> Errors { get; }

    /// <summary>
    /// Wraps the problems <see cref="Scenario.Validate"/> returns for a scenario that did not come from a
    /// file (built in code, by the fuzzer or the Lab). Lines are unknown there; a fault's problem
    /// carries its own "line N:" prefix when the fault has one.
    /// </summary>
    public static ScenarioException FromProblems(IEnumerable<string> problems, string file = "scenario") =>
        new(problems.Select(problem => new ScenarioError(file, 1, 1, problem, null)).ToList());

    private static string Describe(IReadOnlyList<ScenarioError> errors) => errors.Count switch
    {
        0 => "The scenario is not valid.",
        1 => errors[0].ToString(),
        _ => $"{errors.Count} problems in the scenario:{Environment.NewLine}" + string.Join(Environment.NewLine, errors),
    };
}
