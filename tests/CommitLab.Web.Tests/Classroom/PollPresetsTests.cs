using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Classroom;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>The console's one-click questions: their right answers agree with what the shipped scenarios do.</summary>
public sealed class PollPresetsTests
{
    private static readonly ClassroomOptions Limits = new();

    public static TheoryData<string> ScenarioNames()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in RepositoryFiles.Scenarios.Scenarios.Where(s => !CommitLab.Engine.Protocols.Names.IsTahoe(s.Scenario.Protocol)))
        {
            data.Add(scenario.Name);
        }

        return data;
    }

    [Fact]
    public void Every_shipped_scenario_is_read()
    {
        // Every file, Tahoe-LAFS ones included, is a scenario a room can run; none is left out as broken.
        Assert.Equal(Directory.GetFiles(RepositoryFiles.ScenarioFolder, "*.yaml").Length, RepositoryFiles.Scenarios.Scenarios.Length);
        Assert.Equal(3, RepositoryFiles.Scenarios.Scenarios.Count(s => CommitLab.Engine.Protocols.Names.IsTahoe(s.Scenario.Protocol)));
        Assert.True(RepositoryFiles.Scenarios.Scenarios.Length >= 13);
    }

    [Fact]
    public void A_tahoe_room_is_not_asked_how_a_commit_protocol_ends()
    {
        var tahoe = RepositoryFiles.Scenario("tahoe-2pc").Scenario;

        Assert.DoesNotContain(PollPresets.For("tahoe-2pc", tahoe), p => p.Question.StartsWith("If we play on", StringComparison.Ordinal));
        Assert.Contains(PollPresets.For("2pc-happy-path", RepositoryFiles.Scenario("2pc-happy-path").Scenario), p => p.Question.StartsWith("If we play on", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void The_ending_question_agrees_with_the_scenarios_expected_outcome(string name)
    {
        var scenario = RepositoryFiles.Scenario(name).Scenario;
        var expected = scenario.Expect?.Outcome ?? throw new InvalidOperationException($"{name} states no expected outcome");

        var ending = PollPresets.EndingOf(scenario);

        Assert.Equal(expected switch
        {
            RunOutcome.Committed => 0,
            RunOutcome.Aborted => 1,
            RunOutcome.Blocked => 2,
            RunOutcome.Violation => 3,
            _ => (int?)null,
        }, ending);
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Every_preset_can_be_asked_and_its_right_answer_is_one_of_its_options(string name)
    {
        var scenario = RepositoryFiles.Scenario(name).Scenario;

        var presets = PollPresets.For(name, scenario);

        Assert.NotEmpty(presets);
        Assert.All(presets, preset =>
        {
            Assert.InRange(preset.Question.Length, 1, Limits.MaxQuestionLength);
            Assert.InRange(preset.Options.Length, 2, Limits.MaxPollOptions);
            Assert.All(preset.Options, o => Assert.InRange(o.Length, 1, Limits.MaxOptionLength));
            Assert.Equal(preset.Options.Length, preset.Options.Distinct(StringComparer.Ordinal).Count());
            Assert.NotNull(preset.Correct);
            Assert.InRange(preset.Correct.Value, 0, preset.Options.Length - 1);
        });
        Assert.Equal("If we play on with no other fault, how will this run end?", presets[^1].Question);
        Assert.Equal(PollPresets.EndingOf(scenario), presets[^1].Correct);
    }

    [Fact]
    public void The_scenario_questions_are_found_by_the_file_names_they_were_written_for()
    {
        var withOwnQuestions = RepositoryFiles.Scenarios.Scenarios.Where(s => PollPresets.For(s.Name, s.Scenario).Count > 1).Select(s => s.Name).ToList();

        Assert.Equal(11, withOwnQuestions.Count);
        Assert.DoesNotContain("2pc-outcome-log", withOwnQuestions);
        Assert.DoesNotContain("3pc-happy-path", withOwnQuestions);
    }

    [Fact]
    public void The_message_count_question_agrees_with_the_happy_path_run()
    {
        var scenario = RepositoryFiles.Scenario("2pc-happy-path").Scenario;
        var question = PollPresets.For("2pc-happy-path", scenario)[0];

        var sim = CommitLab.Engine.Simulation.Simulator.Create(scenario);
        sim.RunToEnd();

        Assert.Equal(scenario.Expect!.Messages.ToString(), question.Options[question.Correct!.Value]);
        Assert.Equal(sim.Result().Messages.Sent.ToString(System.Globalization.CultureInfo.InvariantCulture), question.Options[question.Correct.Value]);
    }

    [Fact]
    public void The_ending_follows_faults_injected_in_the_room()
    {
        var scenario = RepositoryFiles.Scenario("2pc-happy-path").Scenario;
        var crashed = scenario with
        {
            Faults = [new ScheduledFault(new FaultTiming.AfterEvent(5, 32), new FaultAction.Crash("L"))],
        };

        Assert.Equal(0, PollPresets.EndingOf(scenario));
        Assert.Equal(2, PollPresets.EndingOf(crashed));
        Assert.Equal(2, PollPresets.For(null, crashed).Single().Correct);
    }

    [Fact]
    public void Killing_the_leader_withdraws_the_fault_free_message_count_question()
    {
        var scenario = RepositoryFiles.Scenario("2pc-happy-path").Scenario;
        var crashed = scenario with
        {
            Faults = [new ScheduledFault(new FaultTiming.AfterEvent(5, 32), new FaultAction.Crash("L"))],
        };

        var asFiled = PollPresets.For("2pc-happy-path", scenario, scenario);
        var afterKill = PollPresets.For("2pc-happy-path", crashed, scenario);

        Assert.Contains(asFiled, p => p.Question.StartsWith("How many messages", StringComparison.Ordinal));
        var only = Assert.Single(afterKill);
        Assert.DoesNotContain("How many messages", only.Question, StringComparison.Ordinal);
        Assert.Equal("It blocks: participants wait, holding their locks", only.Options[only.Correct!.Value]);
    }
}
