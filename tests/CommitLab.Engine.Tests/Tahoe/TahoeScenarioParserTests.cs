using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>Tahoe scenario files are hand-written: every mistake is reported at its line and column, with a hint.</summary>
public class TahoeScenarioParserTests
{
    private const string Head = "protocol: tahoe\nmode: 2pc\n";

    private static IReadOnlyList<ScenarioError> Errors(string yaml) =>
        Assert.Throws<ScenarioException>(() => TahoeScenarioParser.Parse(yaml, "t.yaml")).Errors;

    [Fact]
    public void A_full_file_reads_every_key()
    {
        var scenario = TahoeScenarioParser.Parse(
            """
            title: Everything
            protocol: tahoe
            mode: uncoordinated
            writers: 3
            servers: 5
            seed: 9
            network: { latency: [5, 15], loss: 0.1 }
            starts: { W1: 0, W3: 40 }
            retry: { enabled: false, backoff: [10, 20], limit: 2 }
            resend: 80
            poll: 30
            forcedWrite: 2
            maxTicks: 5000
            faults:
              - { at: 30, do: "crash S2" }
              - { at: 90, do: "recover s2" }
              - { when: "W1 sends write to S3", do: drop }
              - { at: 10, do: "cut W2->S1" }
              - { at: 20, do: "heal all" }
            expect: { outcome: lost-update, messages: 30 }
            """,
            "full.yaml");
        Assert.Equal("Everything", scenario.Title);
        Assert.Equal(TahoeMode.Uncoordinated, scenario.Mode);
        Assert.Equal((3, 5, 9UL), (scenario.Writers, scenario.Servers, scenario.Seed));
        Assert.Equal(new NetworkSettings(5, 15, 0.1), scenario.Network);
        Assert.Equal(40, scenario.StartOf("W3"));
        Assert.Equal(0, scenario.StartOf("W2"));
        Assert.Equal(new TahoeRetry(false, 10, 20, 2), scenario.Retry);
        Assert.Equal((80, 30, 2, 5000L), (scenario.ResendTicks, scenario.PollTicks, scenario.ForcedWriteTicks, scenario.MaxTicks));
        Assert.Equal(
            ["at 30: crash S2", "at 90: recover S2", "when \"W1 sends write to S3\": drop", "at 10: cut W2->S1", "at 20: heal all"],
            scenario.Faults.Select(f => f.ToString()));
        Assert.Equal(15, scenario.Faults[0].Line);
        Assert.Equal(new TahoeExpectation(TahoeOutcome.LostUpdate, 30), scenario.Expect);
    }

    [Fact]
    public void Tahoe_files_are_told_apart_by_their_protocol_line()
    {
        Assert.True(TahoeScenarioParser.IsTahoe("# comment\ntitle: x\nprotocol: tahoe   # the Tahoe model\n"));
        Assert.True(TahoeScenarioParser.IsTahoe("protocol: \"Tahoe\"\r\nmode: 2pc\r\n"));
        Assert.False(TahoeScenarioParser.IsTahoe("protocol: 2pc\nparticipants: 3\n"));
        Assert.False(TahoeScenarioParser.IsTahoe("network:\n  protocol: tahoe\n"));
    }

    [Fact]
    public void An_unknown_mode_points_at_its_line_with_the_choices()
    {
        var error = Assert.Single(Errors("protocol: tahoe\nmode: 2-pc\n"));
        Assert.Equal(("t.yaml", 2, 7), (error.File, error.Line, error.Column));
        Assert.Contains("unknown mode '2-pc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean '2pc'?", error.Hint, StringComparison.Ordinal);
        Assert.StartsWith("t.yaml:2:7: unknown mode", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_mode_and_an_unknown_key_are_both_reported()
    {
        var errors = Errors("protocol: tahoe\nparticipants: 3\n");
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Line == 1 && e.Message.Contains("how the writers coordinate", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 2 && e.Message == "unknown key 'participants'" && e.Hint!.Contains("writers: 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Out_of_range_numbers_are_refused_at_their_key()
    {
        var errors = Errors(Head + "writers: 9\nservers: 0\nmaxTicks: 99999999\n");
        Assert.Contains(errors, e => e.Line == 3 && e.Message.StartsWith("writers must be between 2 and 4", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Message.StartsWith("servers must be between 1 and 7", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 5 && e.Message.StartsWith("maxTicks must be between 1 and 1000000", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_latency_and_retry_bounds_are_refused()
    {
        var errors = Errors(Head + "network: { latency: [40, 10] }\nretry: { limit: 99, backoff: [0, 5] }\n");
        Assert.Contains(errors, e => e.Line == 3 && e.Message.StartsWith("network latency must be", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Message.StartsWith("retry.limit must be between 0 and 20", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Message.StartsWith("retry.backoff min must be between 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Faults_with_unknown_nodes_or_bad_actions_point_at_the_fault()
    {
        var errors = Errors(Head + "faults:\n  - { at: 10, do: \"crash S9\" }\n  - { at: 10, do: \"explode S1\" }\n  - { when: \"W1 writes S2\", do: drop }\n  - { at: 5, do: drop }\n");
        Assert.Contains(errors, e => e.Line == 4 && e.Column == 5 && e.Message.StartsWith("unknown node 'S9'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 5 && e.Message.Contains("is not an action a Tahoe run knows", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains("is not a trigger", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 7 && e.Message.StartsWith("drop loses the message", StringComparison.Ordinal));
    }

    [Fact]
    public void Starts_for_a_writer_the_run_does_not_have_is_an_error()
    {
        var error = Assert.Single(Errors(Head + "writers: 2\nstarts: { W1: 0, W3: 10 }\n"));
        Assert.Equal(4, error.Line);
        Assert.Contains("unknown writer 'W3'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_expected_outcome_lists_the_tahoe_outcomes()
    {
        var error = Assert.Single(Errors(Head + "expect: { outcome: lost }\n"));
        Assert.Contains("lost-update, mixed-versions, conflict-visible, clean-abort, undecided", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_yaml_and_empty_files_are_clear_errors()
    {
        Assert.Contains("not valid YAML", Assert.Single(Errors("protocol: tahoe\nmode: [2pc\n")).Message, StringComparison.Ordinal);
        Assert.Contains("protocol: tahoe", Assert.Single(Errors("")).Hint, StringComparison.Ordinal);
        Assert.Contains("scenario files may be at most", Assert.Single(Errors(Head + "# " + new string('x', ScenarioParser.MaxBytes))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_built_in_code_is_validated_too()
    {
        var e = Assert.Throws<ScenarioException>(() => TahoeSimulator.Create(new TahoeScenario { Writers = 1, Servers = 8 }));
        Assert.Equal(2, e.Errors.Count);
        var starts = Assert.Throws<ScenarioException>(() => TahoeSimulator.Create(new TahoeScenario { Starts = System.Collections.Immutable.ImmutableSortedDictionary<string, long>.Empty.Add("W1", -5) }));
        Assert.Contains("starts.W1 must be between 0 and maxTicks", starts.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_2pc_reader_points_a_tahoe_file_to_its_own_reader()
    {
        var errors = Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(File.ReadAllText(Path.Combine(Scenarios.RepoFiles.LessonScenarios, "tahoe-2pc.yaml")), "tahoe-2pc.yaml")).Errors;
        Assert.Contains(errors, e => e.Message == "this is a Tahoe-LAFS scenario, which has its own format and reader" && e.Hint!.Contains("TahoeScenarioParser", StringComparison.Ordinal));
    }
}
