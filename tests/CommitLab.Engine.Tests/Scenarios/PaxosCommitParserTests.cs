using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tests.Scenarios;

/// <summary>The scenario keys of Paxos Commit: 'protocol: paxos-commit' and 'acceptors: 2F+1'.</summary>
public class PaxosCommitParserTests
{
    private const string Head = "protocol: paxos-commit\nparticipants: 3\n";

    private static IReadOnlyList<ScenarioError> Errors(string yaml) =>
        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "test.yaml")).Errors;

    [Fact]
    public void Acceptors_are_read_and_named_after_the_participants()
    {
        var scenario = ScenarioParser.Parse(Head + "acceptors: 5\nfaults:\n  - { at: 10, do: \"crash A5\" }\n", "test.yaml");

        Assert.Equal(ProtocolKind.PaxosCommit, scenario.Protocol);
        Assert.Equal(5, scenario.Acceptors);
        Assert.Equal(["L", "P1", "P2", "P3", "A1", "A2", "A3", "A4", "A5"], scenario.NodeNames().ToArray());
    }

    [Theory]
    [InlineData(Head + "acceptors: 4\n", 3, 1, "acceptors must be an odd number 2F+1 from 1 to 7, not 4")]
    [InlineData(Head + "acceptors: 0\n", 3, 1, "acceptors must be an odd number 2F+1 from 1 to 7, not 0")]
    [InlineData(Head + "acceptors: 9\n", 3, 1, "acceptors must be an odd number 2F+1 from 1 to 7, not 9")]
    [InlineData(Head, 1, 1, "acceptors must be an odd number 2F+1 from 1 to 7, not 0")]
    [InlineData(Head + "acceptors: three\n", 3, 12, "acceptors must be a whole number")]
    [InlineData("protocol: 2pc\nparticipants: 3\nacceptors: 3\n", 3, 1, "acceptors is a paxos-commit option; 2pc has no acceptors")]
    [InlineData(Head + "acceptors: 3\noutcomeLog: true\n", 4, 1, "outcomeLog is a 2PC option; in Paxos Commit the acceptors hold the outcome")]
    [InlineData(Head + "acceptors: 3\nfaults:\n  - { at: 10, do: \"crash A4\" }\n", 5, 5, "unknown node 'A4'")]
    [InlineData(Head + "acceptors: 3\nvotes: { A1: no }\n", 4, 10, "only participants vote, and A1 is not one")]
    public void Mistakes_are_reported_at_their_line_and_column(string yaml, int line, int column, string message)
    {
        var errors = Errors(yaml);
        var error = errors.FirstOrDefault(e => e.Message.Contains(message, StringComparison.Ordinal));

        Assert.True(error is not null, $"no error containing \"{message}\"; got:\n{string.Join("\n", errors)}");
        Assert.Equal((line, column), (error.Line, error.Column));
    }

    [Fact]
    public void An_even_count_gets_a_hint_about_majorities()
    {
        var error = Assert.Single(Errors(Head + "acceptors: 2\n"));

        Assert.Contains("2F+1 acceptors survive F crashes", error.Hint ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void The_writer_round_trips_a_paxos_commit_scenario_and_leaves_2pc_files_as_they_were()
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, "paxos-commit-leader-crash.yaml"));
        var yaml = ScenarioWriter.ToYaml(scenario);
        var again = ScenarioParser.Parse(yaml, "again.yaml");

        Assert.Contains("acceptors: 3\n", yaml, StringComparison.Ordinal);
        Assert.Equal(scenario.Acceptors, again.Acceptors);
        Assert.Equal(scenario.Protocol, again.Protocol);
        Assert.Equal(scenario.Faults.Select(f => f.Do), again.Faults.Select(f => f.Do));
        Assert.DoesNotContain("acceptors", ScenarioWriter.ToYaml(new Scenario()), StringComparison.Ordinal);
    }
}
