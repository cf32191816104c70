using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tests.Scenarios;

/// <summary>
/// Lessons promise students an outcome ("the leader crashes, and everyone blocks"); this holds the
/// engine to every promise the scenario files make in their <c>expect:</c>.
/// </summary>
public class LessonScenarioTests
{
    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Every_lesson_scenario_meets_its_expectation(string name)
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, name));
        var result = Simulator.Create(scenario).RunToEnd();
        Assert.True(
            result.Meets(scenario.Expect),
            $"{name}: expected {scenario.Expect}, got {OutcomeNames.Of(result.Outcome)} with {result.Messages.Sent} messages sent; violations: {string.Join("; ", result.Violations)}");
    }

    public static TheoryData<string> LessonFiles() => RepoFiles.LessonScenarioNames();
}
