using System.Text.Json;
using CommitLab.Cli;
using CommitLab.Engine.Exploration;
using CommitLab.Engine.Tests.Exploration;

namespace CommitLab.Engine.Tests.Cli;

/// <summary><c>commitlab explore</c> in-process: the counts, verdicts, exit codes and JSON a user or script reads.</summary>
public class ExploreCommandTests
{
    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, new CliOutput(stdout, stderr, Interactive: false, ErrorInteractive: false));
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString());
    }

    private static JsonElement LastJson(string output) => JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement;

    [Fact]
    public void TwoPhase_with_5_RMs_prints_TLC_counts_and_every_property_holds()
    {
        var (exit, output, _) = Run("explore", "--model", "twophase-tla", "--rms", "5");

        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("model       twophase-tla, 5 RMs", output, StringComparison.Ordinal);
        Assert.Contains("states      8,832 distinct", output, StringComparison.Ordinal);
        Assert.Contains("atomicity   holds", output, StringComparison.Ordinal);
        Assert.Contains("validity    holds", output, StringComparison.Ordinal);
        Assert.Contains("nonblocking holds", output, StringComparison.Ordinal);
        Assert.Contains("states/s", output, StringComparison.Ordinal);
        Assert.Contains("MB in explorer tables", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ends_with_counts_and_verdicts()
    {
        var (exit, output, _) = Run("explore", "--model", "tcommit-tla", "--rms", "3", "--json", "--symmetry");

        Assert.Equal(ExitCode.Ok, exit);
        var json = LastJson(output);
        Assert.Equal(34, json.GetProperty("distinctStates").GetInt64());
        Assert.Equal(93, json.GetProperty("transitions").GetInt64());
        Assert.Equal(7, json.GetProperty("depth").GetInt32());
        Assert.True(json.GetProperty("seconds").GetDouble() >= 0);
        Assert.True(json.GetProperty("symmetricStates").GetInt64() < 34);
        Assert.Equal(
            [("atomicity", "holds"), ("validity", "holds"), ("nonblocking", "holds")],
            json.GetProperty("properties").EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
    }

    [Theory]
    [InlineData(new[] { "explore", "--model", "paxos-commit" }, "--model must be twophase-tla or tcommit-tla, not 'paxos-commit'")]
    [InlineData(new[] { "explore", "--model", "twophase-tla", "--rms", "0" }, "--rms must be between 1 and 12, not 0")]
    [InlineData(new[] { "explore", "--model", "twophase-tla", "--rms", "13" }, "--rms must be between 1 and 12, not 13")]
    [InlineData(new[] { "explore", "--model", "twophase-tla", "--threads", "0" }, "--threads must be between 1 and 256, not 0")]
    [InlineData(new[] { "explore", "--model", "twophase-tla", "--max-states", "0" }, "--max-states must be at least 1, not 0")]
    [InlineData(new[] { "explore", "--rms", "3" }, "--model")]
    public void Bad_input_exits_2_with_a_message(string[] args, string message)
    {
        var (exit, output, error) = Run(args);

        Assert.Equal(ExitCode.BadInput, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void A_search_cut_short_by_the_state_limit_says_so_and_exits_2()
    {
        var (exit, output, _) = Run("explore", "--model", "twophase-tla", "--rms", "6", "--max-states", "500", "--json");

        Assert.Equal(ExitCode.BadInput, exit);
        Assert.Contains("incomplete  stopped after", output, StringComparison.Ordinal);
        Assert.Contains("atomicity   unknown", output, StringComparison.Ordinal);
        Assert.False(LastJson(output).GetProperty("complete").GetBoolean());
    }

    [Fact]
    public void Someone_watching_stderr_sees_a_progress_line_that_reaches_the_final_count()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(["explore", "--model", "twophase-tla", "--rms", "4"], new CliOutput(stdout, stderr, Interactive: false, ErrorInteractive: true));

        Assert.Equal(ExitCode.Ok, exit);
        Assert.StartsWith("\rexploring: ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("exploring: 1,568 states, depth 14,", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("exploring", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_TM_is_reported_violated_with_its_shortest_path_and_exit_1()
    {
        using var stdout = new StringWriter();
        var exit = ExploreCommand.Execute(new CliOutput(stdout, TextWriter.Null, false, false), new BrokenTwoPhase(3), 3, new ExplorerOptions(), json: true);
        var output = stdout.ToString().ReplaceLineEndings("\n");

        Assert.Equal(ExitCode.Failed, exit);
        Assert.Contains("atomicity   violated", output, StringComparison.Ordinal);
        Assert.Contains("atomicity violated: shortest path, 3 steps", output, StringComparison.Ordinal);
        Assert.Contains("    3  RMRcvCommitMsg(r3)     rmState [r1 aborted, r2 working, r3 committed]", output, StringComparison.Ordinal);
        var json = LastJson(output);
        Assert.Equal("violated", json.GetProperty("properties").GetProperty("atomicity").GetString());
        Assert.Equal("holds", json.GetProperty("properties").GetProperty("nonblocking").GetString());
        Assert.Equal(
            ["RMChooseToAbort(r1)", "TMCommit", "RMRcvCommitMsg(r3)"],
            json.GetProperty("counterexamples").GetProperty("atomicity").EnumerateArray().Select(step => step.GetString()));
    }
}
