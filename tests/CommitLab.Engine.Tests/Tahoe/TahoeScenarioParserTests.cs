using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>Tahoe scenario files are hand-written: every mistake is reported at its line and column, with a hint.</summary>
public class TahoeScenarioParserTests
{
    private const string Head = "protocol: tahoe-2pc\n";

    private static IReadOnlyList<ScenarioError> Errors(string yaml) =>
        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "t.yaml")).Errors;

    [Fact]
    public void A_full_file_reads_every_key()
    {
        var scenario = ScenarioParser.Parse(
            """
            title: Everything
            protocol: tahoe-uncoordinated
            tahoe:
              writers: 3
              servers: 5
              starts: { W1: 0, W3: 40 }
              retry: { enabled: false, backoff: [10, 20], limit: 2 }
              resend: 80
              poll: 30
            seed: 9
            network: { latency: [5, 15], loss: 0.1 }
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
        Assert.Equal(ProtocolKind.TahoeUncoordinated, scenario.Protocol);
        var tahoe = scenario.Tahoe!;
        Assert.Equal((3, 5, 9UL), (tahoe.Writers, tahoe.Servers, scenario.Seed));
        Assert.Equal(new NetworkSettings(5, 15, 0.1), scenario.Network);
        Assert.Equal(40, tahoe.StartOf("W3"));
        Assert.Equal(0, tahoe.StartOf("W2"));
        Assert.Equal(new TahoeRetry(false, 10, 20, 2), tahoe.Retry);
        Assert.Equal((80, 30, 2, 5000L), (tahoe.ResendTicks, tahoe.PollTicks, scenario.ForcedWriteTicks, scenario.MaxTicks));
        Assert.Equal(
            ["at 30: crash S2", "at 90: recover S2", "when \"W1 sends write to S3\": drop", "at 10: cut W2->S1", "at 20: heal all"],
            scenario.Faults.Select(f => $"{Timing(f.When)}: {f.Do.ToText()}"));
        Assert.Equal(15, scenario.Faults[0].Line);
        Assert.Equal(new Expectation(Messages: 30, Tahoe: TahoeOutcome.LostUpdate), scenario.Expect);
    }

    private static string Timing(Faults.FaultTiming when) => when switch
    {
        Faults.FaultTiming.AtTick at => $"at {at.Tick}",
        Faults.FaultTiming.OnTrigger on => $"when \"{on.Trigger.ToText()}\"",
        _ => when.ToString(),
    };

    [Fact]
    public void A_tahoe_file_takes_every_fault_of_the_one_fault_set()
    {
        // One simulator, one fault set: a Tahoe node freezes, a partition splits writers from servers.
        var scenario = ScenarioParser.Parse(Head + "tahoe: { writers: 2, servers: 3 }\nfaults:\n  - { at: 20, do: \"freeze S1 for 100\" }\n  - { at: 30, do: \"partition W1,S1 | W2,S2,S3\" }\n  - { at: 400, do: \"heal all\" }\n", "any.yaml");
        var simulator = Simulator.Create(scenario);
        var result = simulator.RunToEnd();
        Assert.Contains("fault: freeze S1 for 100", simulator.Trace.ToText(), StringComparison.Ordinal);
        Assert.Contains("fault: partition W1,S1 | W2,S2,S3", simulator.Trace.ToText(), StringComparison.Ordinal);
        Assert.True(result.Settled);
        Assert.True(result.Tahoe!.ServersAgree, result.Tahoe.Explanation);
    }

    [Fact]
    public void An_unknown_tahoe_protocol_points_at_its_line_with_the_choices()
    {
        var error = Assert.Single(Errors("protocol: tahoe-2-pc\ntahoe: { writers: 2 }\n"));
        Assert.Equal(("t.yaml", 1, 11), (error.File, error.Line, error.Column));
        Assert.Contains("unknown protocol 'tahoe-2-pc'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'tahoe-2pc'?", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_protocol_tahoe_asks_how_the_writers_coordinate()
    {
        var error = Assert.Single(Errors("protocol: tahoe\ntahoe: { writers: 2 }\n"));
        Assert.Equal((1, 11), (error.Line, error.Column));
        Assert.Contains("needs the way the writers coordinate", error.Message, StringComparison.Ordinal);
        Assert.Contains("protocol: tahoe-2pc", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_settings_and_a_missing_section_are_refused_on_a_tahoe_file()
    {
        var errors = Errors("protocol: tahoe-2pc\nparticipants: 3\n");
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Line == 1 && e.Message.Contains("needs a 'tahoe:' section", StringComparison.Ordinal));
        Assert.Contains(errors, e => (e.Line, e.Column) == (2, 1) && e.Message == "'participants' is not a setting of a Tahoe-LAFS run" && e.Hint!.Contains("writers: 2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tahoe_section_on_a_2pc_file_is_refused_at_its_key()
    {
        var error = Assert.Single(Errors("protocol: 2pc\nparticipants: 3\ntahoe: { writers: 2 }\n"));
        Assert.Equal((3, 1), (error.Line, error.Column));
        Assert.Equal("the tahoe section belongs to a Tahoe-LAFS protocol, not 2pc", error.Message);
    }

    [Fact]
    public void Out_of_range_numbers_are_refused_at_their_value()
    {
        var errors = Errors(Head + "tahoe: { writers: 9, servers: 0 }\nmaxTicks: 99999999\n");
        Assert.Contains(errors, e => (e.Line, e.Column) == (2, 19) && e.Message == "tahoe.writers must be between 2 and 4, not 9");
        Assert.Contains(errors, e => (e.Line, e.Column) == (2, 31) && e.Message == "tahoe.servers must be between 1 and 7, not 0");
        Assert.Contains(errors, e => e.Line == 3 && e.Message.StartsWith("maxTicks must be between 1 and 1000000", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_latency_and_retry_bounds_are_refused()
    {
        var errors = Errors(Head + "network: { latency: [40, 10] }\ntahoe: { retry: { limit: 99, backoff: [0, 5] } }\n");
        Assert.Contains(errors, e => e.Line == 2 && e.Message.StartsWith("network latency must be", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 3 && e.Message.StartsWith("tahoe.retry.limit must be between 0 and 20", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 3 && e.Message.StartsWith("tahoe.retry.backoff min must be between 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Faults_with_unknown_nodes_or_bad_actions_point_at_the_fault()
    {
        var errors = Errors(Head + "tahoe: { writers: 2, servers: 3 }\nfaults:\n  - { at: 10, do: \"crash S9\" }\n  - { at: 10, do: \"explode S1\" }\n  - { when: \"W1 writes S2\", do: drop }\n");
        var unknown = Assert.Single(errors, e => e.Line == 4);
        Assert.Equal(5, unknown.Column);
        Assert.StartsWith("unknown node 'S9'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("W1..Wn and S1..Sm", unknown.Hint, StringComparison.Ordinal);
        Assert.Contains(errors, e => e.Line == 5 && e.Message.Contains("explode", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains("writes", StringComparison.Ordinal));
    }

    [Fact]
    public void Starts_for_a_writer_the_run_does_not_have_is_an_error()
    {
        var error = Assert.Single(Errors(Head + "tahoe:\n  writers: 2\n  starts: { W1: 0, W3: 10 }\n"));
        Assert.Equal((4, 20), (error.Line, error.Column));
        Assert.Contains("unknown writer 'W3'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_expected_outcome_lists_the_tahoe_outcomes()
    {
        var error = Assert.Single(Errors(Head + "tahoe: { writers: 2 }\nexpect: { outcome: lost }\n"));
        Assert.Contains("lost-update, mixed-versions, conflict-visible, clean-abort, undecided", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_shipped_tahoe_file_reads_as_an_ordinary_scenario()
    {
        foreach (var (file, protocol) in new[] { ("tahoe-2pc.yaml", ProtocolKind.TahoeTwoPhase), ("tahoe-uncoordinated.yaml", ProtocolKind.TahoeUncoordinated), ("tahoe-magic-folder.yaml", ProtocolKind.TahoeMagicFolder) })
        {
            var scenario = ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, file));
            Assert.Equal(protocol, scenario.Protocol);
            Assert.Equal((2, 3), (scenario.Tahoe!.Writers, scenario.Tahoe.Servers));
            Assert.Equal(5, scenario.Tahoe.StartOf("W2"));
            var written = ScenarioWriter.ToYaml(scenario);
            var reread = ScenarioParser.Parse(written, file);
            Assert.Equal((protocol, scenario.Tahoe.Retry, scenario.Expect), (reread.Protocol, reread.Tahoe!.Retry, reread.Expect));
            Assert.Equal(scenario.Tahoe.Starts, reread.Tahoe.Starts);
            Assert.Equal(written, ScenarioWriter.ToYaml(reread));
        }
    }

    [Fact]
    public void A_scenario_built_in_code_is_validated_too()
    {
        var tahoe = new Scenario { Protocol = ProtocolKind.TahoeTwoPhase, Tahoe = new TahoeSettings() };
        var e = Assert.Throws<ScenarioException>(() => Simulator.Create(tahoe with { Tahoe = new TahoeSettings { Writers = 1, Servers = 8 } }));
        Assert.Equal(2, e.Errors.Count);
        var starts = Assert.Throws<ScenarioException>(() => Simulator.Create(tahoe with { Tahoe = new TahoeSettings { Starts = System.Collections.Immutable.ImmutableSortedDictionary<string, long>.Empty.Add("W1", -5) } }));
        Assert.Contains("tahoe.starts.W1 must be between 0 and maxTicks", starts.Message, StringComparison.Ordinal);
        var retry = Assert.Throws<ScenarioException>(() => Simulator.Create(tahoe with { Tahoe = new TahoeSettings { Retry = new TahoeRetry(Limit: 21), ResendTicks = 0 } }));
        Assert.Equal(2, retry.Errors.Count);
        Assert.Throws<ScenarioException>(() => Simulator.Create(tahoe with { Tahoe = null }));
    }
}
