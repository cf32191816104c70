using System.Text.Json;

namespace CommitLab.Engine.Tests.Cli;

/// <summary>The <c>commitlab</c> executable end to end, in fresh processes.</summary>
public class CliTests
{
    private const string HappyPath = "lessons/scenarios/2pc-happy-path.yaml";

    private static JsonElement LastJson(CliProcess.Result result) => JsonDocument.Parse(result.LastLine).RootElement;

    [Fact]
    public void Run_prints_a_summary_and_json_on_the_last_line()
    {
        var result = CliProcess.Run("run", HappyPath, "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("seed ", result.Out, StringComparison.Ordinal);
        var json = LastJson(result);
        Assert.Equal("committed", json.GetProperty("outcome").GetString());
        Assert.Equal(12, json.GetProperty("messages").GetProperty("sent").GetInt32());
        Assert.Equal(42UL, json.GetProperty("seed").GetUInt64());
        Assert.True(json.GetProperty("expectMet").GetBoolean());
        Assert.Equal("commit", json.GetProperty("decisions").GetProperty("L").GetString());
        Assert.Equal(["L", "P1", "P2", "P3"], json.GetProperty("decisions").EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, json.GetProperty("blocked").GetArrayLength());
        Assert.Equal(0, json.GetProperty("violations").GetArrayLength());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("traceHash").GetString()));
        Assert.True(json.GetProperty("ticks").GetInt64() > 0);
        Assert.True(json.GetProperty("events").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("stopped").ValueKind);
    }

    [Fact]
    public void The_same_scenario_gives_the_same_trace_hash_in_two_processes()
    {
        var first = CliProcess.Run("run", "lessons/scenarios/2pc-leader-crash-then-recover.yaml", "--json");
        var second = CliProcess.Run("run", "lessons/scenarios/2pc-leader-crash-then-recover.yaml", "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(LastJson(first).GetProperty("traceHash").GetString(), LastJson(second).GetProperty("traceHash").GetString());
        Assert.Equal(first.Out, second.Out);
    }

    [Fact]
    public void Seed_option_overrides_the_file_and_is_printed_first()
    {
        var result = CliProcess.Run("run", HappyPath, "--seed", "7", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("seed        7\n", result.Out.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(7UL, LastJson(result).GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Trace_option_prints_one_line_per_event_before_the_summary()
    {
        var result = CliProcess.Run("run", HappyPath, "--trace", "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        var events = LastJson(result).GetProperty("events").GetInt64();
        var traceLines = result.Out.ReplaceLineEndings("\n").Split('\n').TakeWhile(line => !line.StartsWith("seed ", StringComparison.Ordinal)).Count(line => line.Length > 0);
        Assert.True(traceLines > 0 && traceLines >= events / 2, $"{traceLines} trace lines for {events} events:\n{result.Out}");
    }

    [Fact]
    public void A_bad_file_exits_2_with_file_line_errors_on_stderr()
    {
        var path = Path.Combine(Path.GetTempPath(), $"commitlab-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "protocol: 2pc\nparticipants: 3\nparticipant: 4\nfaults:\n  - { at: 5, do: \"crash P9\" }\n");
        try
        {
            var result = CliProcess.Run("run", path);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains($"{path}:3:1: unknown key 'participant' (hint: did you mean 'participants'?", result.Error, StringComparison.Ordinal);
            Assert.Contains($"{path}:5:", result.Error, StringComparison.Ordinal);
            Assert.Contains("unknown node 'P9'", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("outcome", result.Out, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The YAML of the report: an unclosed '[' made the parser library throw something other than its
    /// syntax error, which ended in "internal error", exit 3; a fault line missing its '}' is the other.
    /// </summary>
    [Theory]
    [InlineData("x: [\ny: z\n", 2, 1)]
    [InlineData("protocol: 2pc\nparticipants: 3\nfaults:\n  - { at: 5, do: \"crash L\"\n  - { at: 9, do: \"recover L\" }\n", 5, 3)]
    [InlineData("protocol: tahoe\nmode: 2pc\nfaults: [\nwriters: 2\n", 4, 1)]
    public void Yaml_the_parser_library_chokes_on_exits_2_with_file_line_and_column(string yaml, int line, int column)
    {
        var path = Path.Combine(Path.GetTempPath(), $"commitlab-bad-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            var result = CliProcess.Run("run", path);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains($"{path}:{line}:{column}: this is not valid YAML", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_exits_2()
    {
        var result = CliProcess.Run("run", "lessons/scenarios/no-such-file.yaml");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("lessons/scenarios/no-such-file.yaml:1:1: no such file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_that_hits_its_event_limit_prints_why_in_text_and_json_and_exits_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"commitlab-busy-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, Engine.Scenarios.ScenarioWriter.ToYaml(Simulation.EventLimitTests.BusyBlocked()));
        try
        {
            var result = CliProcess.Run("run", path, "--json");
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("time        624 ticks, 100000 events (stopped at maxEvents)", result.Out, StringComparison.Ordinal);
            Assert.Contains($"{path}: The run stopped after 100,000 events (its limit, maxEvents) at t=624", result.Error, StringComparison.Ordinal);
            Assert.Contains("set maxEvents (at most 1,000,000) or a longer resend time", result.Error, StringComparison.Ordinal);
            var json = LastJson(result);
            Assert.Equal(100_000, json.GetProperty("events").GetInt64());
            Assert.Equal("blocked", json.GetProperty("outcome").GetString());
            Assert.StartsWith("The run stopped after 100,000 events", json.GetProperty("stopped").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_expectation_that_fails_exits_1_and_says_what_differed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"commitlab-expect-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "protocol: 2pc\nparticipants: 3\nexpect: { outcome: aborted, messages: 99 }\n");
        try
        {
            var result = CliProcess.Run("run", path, "--json");
            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("expected outcome aborted, but the run ended committed", result.Error, StringComparison.Ordinal);
            Assert.Contains("expected 99 messages sent, but 12 were", result.Error, StringComparison.Ordinal);
            Assert.False(LastJson(result).GetProperty("expectMet").GetBoolean());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Fuzzing_2pc_finds_no_violations()
    {
        var outDir = Path.Combine(Path.GetTempPath(), $"commitlab-fuzz-{Guid.NewGuid():N}");
        try
        {
            var result = CliProcess.Run("fuzz", "--protocol", "2pc", "--participants", "3", "--runs", "50", "--seed", "7", "--out", outDir, "--json");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.StartsWith("seed        7 (runs use seeds 7 to 56)", result.Out, StringComparison.Ordinal);
            Assert.Contains("violations: 0", result.Out, StringComparison.Ordinal);
            var json = LastJson(result);
            Assert.Equal(50, json.GetProperty("runs").GetInt32());
            Assert.Equal(0, json.GetProperty("outcomes").GetProperty("violation").GetInt32());
            Assert.Equal(0, json.GetProperty("errors").GetInt32());
            Assert.Equal(50, json.GetProperty("outcomes").EnumerateObject().Sum(p => p.Value.GetInt32()));
            Assert.False(Directory.Exists(outDir), "no findings, so no repro folder");
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    [Fact]
    public void Fuzz_violations_are_written_as_scenarios_that_replay_exactly()
    {
        // 3PC with a timeout detector under partitions is where the design says atomicity breaks.
        var outDir = Path.Combine(Path.GetTempPath(), $"commitlab-fuzz-{Guid.NewGuid():N}");
        try
        {
            var result = CliProcess.Run("fuzz", "--protocol", "3pc", "--participants", "3", "--runs", "300", "--seed", "1", "--faults", "partition", "--out", outDir, "--json", "--fail-on-violation");
            var findings = LastJson(result).GetProperty("findings");
            if (findings.GetArrayLength() == 0)
            {
                Assert.True(result.ExitCode == 0, result.ToString());
                return;
            }

            Assert.True(result.ExitCode == 1, "--fail-on-violation exits 1 on findings\n" + result);
            var finding = findings[0];
            var file = finding.GetProperty("file").GetString()!;
            Assert.Equal($"commitlab run {file}", finding.GetProperty("command").GetString());
            Assert.Contains($"commitlab run {file}", result.Out, StringComparison.Ordinal);
            var replay = CliProcess.Run("run", file, "--json");
            Assert.Equal("violation", LastJson(replay).GetProperty("outcome").GetString());
            Assert.Equal(finding.GetProperty("seed").GetUInt64(), LastJson(replay).GetProperty("seed").GetUInt64());
        }
        finally
        {
            if (Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }
}
