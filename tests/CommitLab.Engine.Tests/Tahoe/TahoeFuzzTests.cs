using System.Text.Json;
using CommitLab.Cli;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;
using CommitLab.Engine.Tests.Cli;
using CommitLab.Engine.Tests.Scenarios;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>
/// <c>commitlab fuzz --protocol tahoe</c>: the one fuzz command, with Tahoe-LAFS runs from
/// <see cref="FaultPlan.GenerateTahoe"/> judged by <see cref="FuzzPromise"/>. The engine is
/// deterministic, so a seed range ends the same way every time: the counts below are pinned, and a
/// change to them is a change to the engine or to the generator that someone must explain.
/// </summary>
public sealed class TahoeFuzzTests : IDisposable
{
    private readonly string outDir = Path.Combine(Path.GetTempPath(), $"commitlab-tahoe-fuzz-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(outDir))
        {
            Directory.Delete(outDir, recursive: true);
        }
    }

    /// <summary>In-process, against string writers: the same code as the executable, without a process per test.</summary>
    private static (int Exit, string Out, string Error) Fuzz(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = CliApp.Run(["fuzz", "--protocol", "tahoe", .. args], new CliOutput(stdout, stderr, Interactive: false, ErrorInteractive: false));
        return (exit, stdout.ToString().ReplaceLineEndings("\n"), stderr.ToString());
    }

    private static JsonElement LastJson(string output) => JsonDocument.Parse(output.TrimEnd('\n').Split('\n')[^1]).RootElement;

    private static string Counts(JsonElement json) =>
        string.Join(" ", json.GetProperty("outcomes").EnumerateObject().Select(p => $"{p.Name}={p.Value.GetInt32()}"));

    [Theory]
    [InlineData("2pc", "2", "3", "0", "committed=299 lost-update=0 mixed-versions=0 conflict-visible=0 clean-abort=1 undecided=0", 0)]
    [InlineData("uncoordinated", "2", "3", "0", "committed=123 lost-update=145 mixed-versions=32 conflict-visible=0 clean-abort=0 undecided=0", 0)]
    [InlineData("magic-folder", "2", "3", "0", "committed=154 lost-update=0 mixed-versions=0 conflict-visible=146 clean-abort=0 undecided=0", 0)]
    [InlineData("2pc", "4", "5", "1000", "committed=291 lost-update=0 mixed-versions=0 conflict-visible=0 clean-abort=9 undecided=0", 0)]
    public void A_seed_range_ends_exactly_as_pinned(string mode, string writers, string servers, string seed, string counts, int violations)
    {
        var (exit, output, error) = Fuzz("--mode", mode, "--writers", writers, "--servers", servers, "--runs", "300", "--seed", seed, "--out", outDir, "--json", "--fail-on-violation");
        Assert.True(exit == ExitCode.Ok, $"exit {exit}\n{output}\n{error}");
        var json = LastJson(output);
        Assert.Equal(counts, Counts(json));
        Assert.Equal(violations, json.GetProperty("violations").GetInt32());
        Assert.Equal(0, json.GetProperty("errors").GetInt32());
        Assert.Equal(("tahoe", mode), (json.GetProperty("protocol").GetString(), json.GetProperty("mode").GetString()));
        Assert.StartsWith($"seed        {seed} (runs use seeds {seed} to {int.Parse(seed, System.Globalization.CultureInfo.InvariantCulture) + 299})\n", output, StringComparison.Ordinal);
        Assert.Contains($"promise     {mode}: {FuzzPromise.For(Names.ParseTahoeMode(mode)!.Value).Description}\n", output, StringComparison.Ordinal);
        Assert.Contains("violations: 0\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_phase_commit_and_the_magic_folder_leave_no_repro_files_when_they_keep_their_promise()
    {
        var (exit, output, _) = Fuzz("--runs", "50", "--seed", "5", "--out", outDir);
        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("promise     2pc: no writer told \"saved\" loses its update, and the live servers agree at the end\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("expected lost updates", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir), "no findings, so no repro folder");
    }

    [Fact]
    public void Uncoordinated_lost_updates_are_reported_as_expected_not_as_failures()
    {
        var (exit, output, _) = Fuzz("--mode", "uncoordinated", "--runs", "300", "--seed", "0", "--out", outDir, "--fail-on-violation");
        Assert.Equal(ExitCode.Ok, exit);
        Assert.Contains("violations: 0\n", output, StringComparison.Ordinal);
        Assert.Contains("expected lost updates: 145 (uncoordinated promises nothing: these are the finding this mode is shown for, not failures; the first 10 are saved to replay)\n", output, StringComparison.Ordinal);
        Assert.Contains($"expected-lost-update seed 0: commitlab run {Path.Combine(outDir, "tahoe-uncoordinated-2w-3s-seed-0.yaml")}  # ", output, StringComparison.Ordinal);
        Assert.Equal(FuzzPromise.MaxExpectedExamples, Directory.GetFiles(outDir).Length);
    }

    [Fact]
    public void Every_repro_file_replays_to_the_same_outcome()
    {
        var (_, output, _) = Fuzz("--mode", "uncoordinated", "--writers", "3", "--servers", "4", "--runs", "100", "--seed", "40", "--out", outDir, "--json");
        var findings = LastJson(output).GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(FuzzPromise.MaxExpectedExamples, findings.Count);
        foreach (var finding in findings)
        {
            var file = finding.GetProperty("file").GetString()!;
            var seed = finding.GetProperty("seed").GetUInt64();
            Assert.Equal($"commitlab run {file}", finding.GetProperty("command").GetString());
            Assert.Equal("expected-lost-update", finding.GetProperty("kind").GetString());
            var text = File.ReadAllText(file);
            Assert.StartsWith($"# Found by commitlab fuzz --protocol tahoe --mode uncoordinated --writers 3 --servers 4 --seed {seed} --runs 1\n# expected-lost-update: ", text, StringComparison.Ordinal);

            // The file is the run: the same scenario the generator drew, and the same trace.
            var replayed = ScenarioParser.ParseFile(file);
            var drawn = TahoeRuns.Generate(seed, ProtocolKind.TahoeUncoordinated, 3, 4);
            ScenarioAssert.Same(drawn, replayed);
            var result = TahoeRuns.Run(replayed);
            Assert.Equal(TahoeOutcome.LostUpdate, result.Verdict().Outcome);
            Assert.Equal(finding.GetProperty("detail").GetString(), result.Verdict().Explanation);
            Assert.Equal(TahoeRuns.Run(drawn).TraceHash, result.TraceHash);
        }
    }

    [Fact]
    public void The_printed_command_replays_the_run_in_a_fresh_process()
    {
        // Two processes, as a student would: the fuzzer, then the line it printed.
        var fuzz = CliProcess.Run("fuzz", "--protocol", "tahoe", "--mode", "uncoordinated", "--runs", "300", "--seed", "0", "--out", outDir, "--json");
        Assert.True(fuzz.ExitCode == 0, fuzz.ToString());
        var json = JsonDocument.Parse(fuzz.LastLine).RootElement;
        Assert.Equal("committed=123 lost-update=145 mixed-versions=32 conflict-visible=0 clean-abort=0 undecided=0", Counts(json));
        var finding = json.GetProperty("findings")[0];
        var command = finding.GetProperty("command").GetString()!;
        Assert.Contains(command, fuzz.Out, StringComparison.Ordinal);
        var replay = CliProcess.Run("run", finding.GetProperty("file").GetString()!, "--json");
        Assert.True(replay.ExitCode == 0, replay.ToString());
        var run = JsonDocument.Parse(replay.LastLine).RootElement;
        Assert.Equal("lost-update", run.GetProperty("outcome").GetString());
        Assert.Equal(finding.GetProperty("seed").GetUInt64(), run.GetProperty("seed").GetUInt64());
        Assert.Equal(finding.GetProperty("detail").GetString(), run.GetProperty("explanation").GetString());
    }

    [Fact]
    public void A_broken_promise_is_a_violation_in_2pc_and_the_magic_folder_but_not_in_uncoordinated()
    {
        // The shipped uncoordinated collision loses W1's update with the servers split; the
        // promises read the run's own monitors, whatever mode the run was.
        var lost = Simulator.Run(TahoeRuns.File("tahoe-uncoordinated.yaml"));
        Assert.True(FuzzPromise.For(ProtocolKind.TahoeTwoPhase).IsBroken(lost));
        Assert.True(FuzzPromise.For(ProtocolKind.TahoeMagicFolder).IsBroken(lost));
        Assert.False(FuzzPromise.For(ProtocolKind.TahoeUncoordinated).IsBroken(lost));
        Assert.True(FuzzPromise.For(ProtocolKind.TahoeUncoordinated).IsExpectedFinding(lost));

        // A visible conflict keeps both edits: the magic folder's promise holds.
        var conflict = Simulator.Run(TahoeRuns.File("tahoe-magic-folder.yaml"));
        Assert.Equal(TahoeOutcome.ConflictVisible, conflict.Verdict().Outcome);
        Assert.False(FuzzPromise.For(ProtocolKind.TahoeMagicFolder).IsBroken(conflict));
    }

    [Theory]
    [InlineData("2pc-happy-path.yaml")]
    [InlineData("3pc-happy-path.yaml")]
    [InlineData("paxos-commit-happy-path.yaml")]
    [InlineData("tahoe-2pc.yaml")]
    [InlineData("tahoe-magic-folder.yaml")]
    [InlineData("tahoe-uncoordinated.yaml")]
    public void Every_promise_names_monitors_its_protocol_really_runs(string file)
    {
        // A promise naming a monitor the run does not have could never be broken: the fuzzer would
        // report no violations for the wrong reason.
        var simulator = Simulator.Create(TahoeRuns.File(file));
        var promise = FuzzPromise.For(simulator.Scenario.Protocol);
        var names = simulator.Monitors.Select(m => m.Name).ToList();
        Assert.All(promise.Kept, kept => Assert.Contains(kept, names));
        Assert.True(promise.Shown is null || names.Contains(promise.Shown));
        Assert.True(promise.Kept.Length > 0 || promise.Shown is not null, "a protocol that promises nothing still shows what it breaks");
    }

    [Theory]
    [InlineData(new[] { "--runs", "5", "--writers", "9" }, "--writers must be between 2 and 4, not 9")]
    [InlineData(new[] { "--runs", "5", "--writers", "1" }, "--writers must be between 2 and 4, not 1")]
    [InlineData(new[] { "--runs", "5", "--servers", "0" }, "--servers must be between 1 and 7, not 0")]
    [InlineData(new[] { "--runs", "5", "--servers", "1000" }, "--servers must be between 1 and 7, not 1000")]
    [InlineData(new[] { "--runs", "5", "--mode", "paxos" }, "--mode must be 2pc, uncoordinated or magic-folder, not 'paxos'")]
    [InlineData(new[] { "--runs", "0" }, "--runs must be between 1 and 1,000,000, not 0")]
    [InlineData(new[] { "--runs", "2000000000" }, "--runs must be between 1 and 1,000,000, not 2000000000")]
    [InlineData(new[] { "--runs", "5", "--participants", "3" }, "--participants is for --protocol 2pc and 3pc; a Tahoe run takes --mode, --writers and --servers")]
    [InlineData(new[] { "--runs", "5", "--detector", "perfect" }, "--detector is for --protocol 2pc and 3pc")]
    [InlineData(new[] { "--runs", "5", "--faults", "crash" }, "--faults is for --protocol 2pc and 3pc")]
    [InlineData(new[] { "--runs", "5", "--out", " " }, "--out needs a directory")]
    [InlineData(new[] { "--runs", "5", "--writers", "two" }, "two")]
    [InlineData(new[] { "--writers", "3" }, "--runs")]
    public void Bad_tahoe_flags_exit_2_with_a_clear_message_and_run_nothing(string[] args, string message)
    {
        var (exit, output, error) = Fuzz(args);
        Assert.Equal(ExitCode.BadInput, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.DoesNotContain("outcome", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_flag_is_reported_at_once()
    {
        var (exit, _, error) = Fuzz("--runs", "0", "--writers", "7", "--servers", "9", "--mode", "x");
        Assert.Equal(ExitCode.BadInput, exit);
        Assert.Equal(4, error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
