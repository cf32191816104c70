using System.Text.Json;
using CommitLab.Cli;
using CommitLab.Engine.Tests.Scenarios;

namespace CommitLab.Engine.Tests.Cli;

/// <summary><c>commitlab explore FILE --crashes 1</c>: verdicts for a scenario's real protocol, and counterexamples written as files that play.</summary>
public sealed class ExploreScenarioCommandTests : IDisposable
{
    private readonly string outDir = Directory.CreateTempSubdirectory("explore-cli-").FullName;

    private static string Lesson(string name) => Path.Combine(RepoFiles.LessonScenarios, name);

    private static (int Exit, string Out, string Error) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(args, new CliOutput(stdout, stderr, Interactive: false, ErrorInteractive: false));
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(outDir, recursive: true);

    [Fact]
    public void Two_phase_commit_with_a_crash_blocks_exits_1_and_writes_a_scenario_that_runs_blocked()
    {
        var (exit, output, _) = Run("explore", Lesson("2pc-leader-crash-after-commit.yaml"), "--crashes", "1", "--out", outDir);

        Assert.Equal(ExitCode.Failed, exit);
        Assert.Contains("states      606 distinct, 1,288 transitions, depth 21", output, StringComparison.Ordinal);
        Assert.Contains("atomicity   holds", output, StringComparison.Ordinal);
        Assert.Contains("nonblocking violated", output, StringComparison.Ordinal);
        Assert.Contains("nonblocking violated: shortest path, 7 steps", output, StringComparison.Ordinal);
        var written = Path.Combine(outDir, "2pc-leader-crash-after-commit-nonblocking.yaml");
        Assert.Contains($"  watch it: commitlab run {written}", output, StringComparison.Ordinal);

        var (runExit, runOutput, _) = Run("run", written);
        Assert.Equal(ExitCode.Ok, runExit);
        Assert.Contains("blocked", runOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ends_with_counts_verdicts_and_the_files_written()
    {
        var (exit, output, _) = Run("explore", Lesson("3pc-partition-timeout-detector.yaml"), "--cuts", "1", "--out", outDir, "--json");

        Assert.Equal(ExitCode.Failed, exit);
        var json = JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement;
        Assert.Equal(130_996, json.GetProperty("distinctStates").GetInt64());
        Assert.Equal(454_181, json.GetProperty("transitions").GetInt64());
        Assert.Equal(45, json.GetProperty("depth").GetInt32());
        Assert.True(json.GetProperty("seconds").GetDouble() > 0);
        Assert.Equal(
            [("atomicity", "violated"), ("validity", "holds"), ("nonblocking", "holds")],
            json.GetProperty("properties").EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        Assert.True(File.Exists(json.GetProperty("scenarioFiles").GetProperty("atomicity").GetString()));
    }

    [Fact]
    public void Three_phase_commit_with_a_perfect_detector_and_a_crash_holds_and_exits_0()
    {
        var (exit, output, _) = Run("explore", Lesson("3pc-leader-crash-before-precommit.yaml"), "--crashes", "1", "--out", outDir);

        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("states      4,360 distinct", output, StringComparison.Ordinal);
        Assert.Contains("nonblocking holds", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(outDir));
    }

    [Theory]
    [InlineData("--crashes", "9", "--crashes must be between 0 and 3, not 9")]
    [InlineData("--model", "twophase-tla", "give either a scenario FILE or --model")]
    public void Bad_budgets_or_both_inputs_exit_2_with_a_message(string option, string value, string message)
    {
        var (exit, output, error) = Run("explore", Lesson("2pc-happy-path.yaml"), option, value);

        Assert.Equal(ExitCode.BadInput, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public void A_paxos_commit_scenario_is_explored_with_its_acceptors_and_holds()
    {
        var (exit, output, _) = Run("explore", Lesson("paxos-commit-happy-path.yaml"), "--out", outDir);

        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("model       paxos-commit, 3 participants, 3 acceptors, no faults", output, StringComparison.Ordinal);
        Assert.Contains("states      112,806 distinct, 248,157 transitions, depth 37", output, StringComparison.Ordinal);
        Assert.Contains("nonblocking holds", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Paxos_commit_with_two_acceptor_crashes_blocks_and_the_written_scenario_runs_blocked()
    {
        // One participant keeps two crashes' space small (11,009 states); with three it passes five million.
        var file = Path.Combine(outDir, "paxos-one-vote.yaml");
        File.WriteAllText(file, File.ReadAllText(Lesson("paxos-commit-happy-path.yaml")).Replace("participants: 3", "participants: 1", StringComparison.Ordinal)
            .Replace("expect: { outcome: committed, messages: 24 }", "", StringComparison.Ordinal));

        var (exit, output, _) = Run("explore", file, "--crashes", "2", "--out", outDir);

        Assert.Equal(ExitCode.Failed, exit);
        Assert.Contains("states      11,009 distinct, 28,588 transitions, depth 31", output, StringComparison.Ordinal);
        Assert.Contains("atomicity   holds", output, StringComparison.Ordinal);
        Assert.Contains("nonblocking violated: shortest path, 7 steps", output, StringComparison.Ordinal);
        var (runExit, runOutput, _) = Run("run", Path.Combine(outDir, "paxos-one-vote-nonblocking.yaml"));
        Assert.Equal(ExitCode.Ok, runExit);
        Assert.Contains("blocked", runOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_search_cut_short_by_the_state_limit_says_so_and_exits_2()
    {
        var (exit, output, _) = Run("explore", Lesson("3pc-partition-timeout-detector.yaml"), "--cuts", "1", "--max-states", "1000", "--out", outDir);

        Assert.Equal(ExitCode.BadInput, exit);
        Assert.Contains("incomplete  stopped after", output, StringComparison.Ordinal);
        Assert.Contains("nonblocking unknown", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_exits_2_and_says_which()
    {
        var (exit, _, error) = Run("explore", Path.Combine(outDir, "nope.yaml"), "--crashes", "1");

        Assert.Equal(ExitCode.BadInput, exit);
        Assert.Contains("nope.yaml", error, StringComparison.Ordinal);
    }
}
