using System.Text.Json;

namespace CommitLab.Engine.Tests.Cli;

/// <summary><c>commitlab run</c> runs the Paxos Commit scenarios and names their acceptors.</summary>
public class PaxosCommitCliTests
{
    [Theory]
    [InlineData("lessons/scenarios/paxos-commit-happy-path.yaml", "committed", 24, 12)]
    [InlineData("lessons/scenarios/paxos-commit-f0-is-2pc.yaml", "committed", 12, 6)]
    [InlineData("lessons/scenarios/paxos-commit-leader-crash.yaml", "committed", 60, 31)]
    [InlineData("lessons/scenarios/paxos-commit-f0-abort-written.yaml", "aborted", 22, 11)]
    [InlineData("lessons/scenarios/paxos-commit-majority-down.yaml", "blocked", 417, 89)]
    public void Run_reports_each_scenarios_outcome_and_counts(string file, string outcome, int messages, int forced)
    {
        var result = CliProcess.Run("run", file, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonDocument.Parse(result.LastLine).RootElement;
        Assert.Equal(outcome, json.GetProperty("outcome").GetString());
        Assert.Equal(messages, json.GetProperty("messages").GetProperty("sent").GetInt32());
        Assert.Equal(forced, json.GetProperty("forcedWrites").GetInt32());
    }

    [Fact]
    public void The_summary_names_the_acceptors_and_the_trace_names_instance_and_ballot()
    {
        var result = CliProcess.Run("run", "lessons/scenarios/paxos-commit-happy-path.yaml", "--trace");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("setup       paxos-commit (3 acceptors, F = 1), 3 participants", result.Out, StringComparison.Ordinal);
        Assert.Contains("P1 sends phase-2a(P1 ballot 0 prepared) #4 to A1", result.Out, StringComparison.Ordinal);
        Assert.Contains("A1 logs accepted (forced)", result.Out, StringComparison.Ordinal);
    }
}
