using System.Collections.Immutable;
using System.Text;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tests.Scenarios;

public class ScenarioParserTests
{
    /// <summary>The two required keys, on lines 1 and 2: every sample's own line is line 3 unless it says otherwise.</summary>
    private const string Head = "protocol: 2pc\nparticipants: 3\n";

    private static IReadOnlyList<ScenarioError> Errors(string yaml) =>
        Assert.Throws<ScenarioException>(() => ScenarioParser.Parse(yaml, "test.yaml")).Errors;

    private static ScenarioError OnlyError(string yaml)
    {
        var errors = Errors(yaml);
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", errors));
        return errors[0];
    }

    /// <summary>Each error class with a sample: the message names the problem, at the exact line of the offending node.</summary>
    [Theory]
    // Malformed YAML.
    [InlineData(Head + "title: \"never closed\n", 3, "not valid YAML")]
    [InlineData(Head + "network: { latency: [20, 40 }\n", 3, "not valid YAML")]
    [InlineData(Head + "seed: 1\nseed: 2\n", 4, "the key 'seed' appears twice")]
    // Unknown keys at every level.
    [InlineData(Head + "participant: 4\n", 3, "unknown key 'participant'")]
    [InlineData(Head + "network: { latncy: [1, 2] }\n", 3, "unknown key 'latncy' in network")]
    [InlineData(Head + "timeouts:\n  vote: 200\n  decisoin: 300\n", 5, "unknown key 'decisoin' in timeouts")]
    [InlineData(Head + "expect: { outcom: committed }\n", 3, "unknown key 'outcom' in expect")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"crash L\", wehn: \"L logs commit\" }\n", 4, "unknown key 'wehn' in fault")]
    // Wrong types.
    [InlineData(Head + "seed: forty-two\n", 3, "seed must be a whole number, not 'forty-two'")]
    [InlineData(Head + "maxTicks: [1, 2]\n", 3, "maxTicks must be a single value, not a list")]
    [InlineData(Head + "network: 5\n", 3, "network must be a mapping, not the value '5'")]
    [InlineData(Head + "network: { loss: lots }\n", 3, "network.loss must be a number, not 'lots'")]
    [InlineData(Head + "outcomeLog: yes\n", 3, "outcomeLog must be true or false, not 'yes'")]
    [InlineData(Head + "faults: { at: 5 }\n", 3, "faults must be a list")]
    [InlineData(Head + "faults:\n  - \"crash L\"\n", 4, "a fault is a mapping")]
    [InlineData(Head + "title:\n", 3, "title has no value")]
    // Out-of-range numbers (checked by Scenario.Validate, placed at the key's line).
    [InlineData("protocol: 2pc\n\nparticipants: 0\n", 3, "participants must be between 1 and 16, not 0")]
    [InlineData("protocol: 2pc\n\nparticipants: 17\n", 3, "participants must be between 1 and 16, not 17")]
    [InlineData(Head + "network: { loss: 1.5 }\n", 3, "network loss must be a probability between 0 and 1, not 1.5")]
    [InlineData(Head + "network:\n  latency: [-5, 10]\n", 4, "network latency must be a range")]
    [InlineData(Head + "maxTicks: 2000000\n", 3, "maxTicks must be between 1 and 1000000, not 2000000")]
    [InlineData(Head + "timeouts: { vote: 0 }\n", 3, "timeouts.vote must be between 1 and")]
    [InlineData(Head + "forcedWrite: -1\n", 3, "forcedWrite must be between 0 and")]
    [InlineData(Head + "expect: { messages: -3 }\n", 3, "expect.messages must be 0 or more")]
    [InlineData(Head + "seed: 99999999999999999999999\n", 3, "seed is out of range")]
    // Unknown enumerated values.
    [InlineData("participants: 3\nprotocol: 4pc\n", 2, "unknown protocol '4pc'")]
    [InlineData(Head + "failureDetector: oracle\n", 3, "unknown failureDetector 'oracle'")]
    [InlineData(Head + "expect: { outcome: commited }\n", 3, "unknown expect.outcome 'commited'")]
    // Unknown nodes: in votes, in an action, in a trigger.
    [InlineData(Head + "votes: { P7: no }\n", 3, "unknown node 'P7'")]
    [InlineData(Head + "votes: { L: no }\n", 3, "only participants vote, and L is not one")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"crash P9\" }\n", 4, "unknown node 'P9'")]
    [InlineData(Head + "faults:\n  - { when: \"P9 logs prepared\", do: \"crash L\" }\n", 4, "unknown node 'P9'")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"crash leader\" }\n", 4, "unknown node 'leader'")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"cut L-LOG\" }\n", 4, "unknown node 'LOG'")]
    // Malformed triggers.
    [InlineData(Head + "faults:\n  - { when: \"L logz commit\", do: \"crash L\" }\n", 4, "unknown trigger verb 'logz'")]
    [InlineData(Head + "faults:\n  - { when: \"L sends precommit to P1\", do: \"crash L\" }\n", 4, "unknown message 'precommit'")]
    [InlineData(Head + "faults:\n  - { when: \"L logs committed\", do: \"crash L\" }\n", 4, "unknown log record 'committed'")]
    [InlineData(Head + "faults:\n  - { when: \"P1 enters limbo\", do: \"crash L\" }\n", 4, "unknown state 'limbo'")]
    [InlineData(Head + "faults:\n  - { when: \"L crashes\", do: \"crash P1\" }\n", 4, "cannot read the trigger 'L crashes'")]
    [InlineData(Head + "faults:\n  - { when: \"L sends prepare from P1\", do: \"crash L\" }\n", 4, "'sends' names the other node with 'to', not 'from'")]
    // Malformed actions.
    [InlineData(Head + "faults:\n  - { at: 5, do: \"explode L\" }\n", 4, "unknown action 'explode'")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"freeze L\" }\n", 4, "expected 'freeze <node> for <ticks>'")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"cut L\" }\n", 4, "expected 'cut A-B' (both ways) or 'cut A->B' (one way)")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"partition L,P1\" }\n", 4, "partition needs at least two groups")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"freeze L for 0\" }\n", 4, "freeze lasts between 1 and")]
    // Timing: neither, or more than one, of at/when/afterEvent; a missing do.
    [InlineData(Head + "faults:\n  - { do: \"crash L\" }\n", 4, "this fault does not say when it happens")]
    [InlineData(Head + "faults:\n  - { at: 5, when: \"L logs commit\", do: \"crash L\" }\n", 4, "this fault has both at: and when:")]
    [InlineData(Head + "faults:\n  - { when: \"L logs commit\", afterEvent: 9, do: \"crash L\" }\n", 4, "this fault has both when: and afterEvent:")]
    [InlineData(Head + "faults:\n  - { at: 5 }\n", 4, "this fault does not say what happens")]
    [InlineData(Head + "faults:\n  - { at: -5, do: \"crash L\" }\n", 4, "at: must be a tick of 0 or more")]
    // drop and delay act on the message of a 'sends' trigger.
    [InlineData(Head + "faults:\n  - { at: 5, do: \"drop\" }\n", 4, "'drop' acts on the message that fired a 'sends' trigger")]
    [InlineData(Head + "faults:\n  - { when: \"L logs commit\", do: \"delay 20\" }\n", 4, "'delay 20' acts on the message that fired a 'sends' trigger")]
    // Votes.
    [InlineData(Head + "votes: { P2: maybe }\n", 3, "the vote of P2 must be yes or no, not 'maybe'")]
    // Options that do not fit the protocol.
    [InlineData("protocol: 3pc\nparticipants: 3\noutcomeLog: true\n", 3, "outcomeLog is a 2PC option")]
    public void Each_error_class_is_reported_at_its_line(string yaml, int line, string message)
    {
        var errors = Errors(yaml);
        var error = errors.FirstOrDefault(e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.True(error is not null, $"no error containing \"{message}\"; got:\n{string.Join("\n", errors)}");
        Assert.Equal(line, error.Line);
        Assert.Equal("test.yaml", error.File);
    }

    [Theory]
    [InlineData(Head + "participant: 4\n", "did you mean 'participants'?")]
    [InlineData(Head + "timeout: { vote: 1 }\n", "did you mean 'timeouts'?")]
    [InlineData(Head + "latency: [1, 2]\n", "'latency' belongs under 'network:'")]
    [InlineData(Head + "network: { latncy: [1, 2] }\n", "did you mean 'latency'? valid keys in network: latency, loss")]
    [InlineData(Head + "expect: { outcom: committed }\n", "did you mean 'outcome'?")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"crash L\", wehn: \"L logs commit\" }\n", "did you mean 'when'?")]
    [InlineData(Head + "faults:\n  - { at: 50, do: partition L,P1 | P2,P3 }\n", "quote actions and triggers that contain one")]
    [InlineData(Head + "faults:\n  - { when: \"L sends precommit to P1\", do: \"crash L\" }\n", "did you mean 'pre-commit'? messages are: prepare, vote-yes")]
    [InlineData(Head + "faults:\n  - { when: \"L logz commit\", do: \"crash L\" }\n", "did you mean 'logs'?")]
    [InlineData(Head + "failureDetector: perfekt\n", "did you mean 'perfect'?")]
    [InlineData(Head + "expect: { outcome: commited }\n", "did you mean 'committed'?")]
    [InlineData(Head + "faults:\n  - { at: 5, do: \"crash P9\" }\n", "participants: n gives the nodes L and P1..Pn")]
    public void Errors_carry_a_hint(string yaml, string hint)
    {
        var errors = Errors(yaml);
        Assert.Contains(errors, e => e.Hint is not null && e.Hint.Contains(hint, StringComparison.Ordinal));
    }

    [Fact]
    public void Error_text_is_file_line_column_message_and_hint()
    {
        var error = OnlyError(Head + "participant: 4\n");
        Assert.Equal(3, error.Line);
        Assert.Equal(1, error.Column);
        Assert.StartsWith("test.yaml:3:1: unknown key 'participant' (hint: did you mean 'participants'?", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Column_points_at_the_offending_value()
    {
        var error = OnlyError(Head + "faults:\n  - { when: \"L sends precommit to P1\", do: \"crash L\" }\n");
        Assert.Equal((4, 13), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n")]
    [InlineData("# nothing but a comment\n")]
    public void An_empty_file_is_an_error(string yaml)
    {
        var error = OnlyError(yaml);
        Assert.Equal(1, error.Line);
        Assert.Contains("the file is empty", error.Message, StringComparison.Ordinal);
        Assert.Contains("protocol: 2pc", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- protocol: 2pc\n- participants: 3\n", "not a list")]
    [InlineData("just some words\n", "not the value 'just some words'")]
    public void A_document_that_is_not_a_mapping_is_an_error(string yaml, string message)
    {
        var error = OnlyError(yaml);
        Assert.Equal(1, error.Line);
        Assert.Contains("a scenario is a mapping of keys", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_document_is_an_error_at_its_line()
    {
        var error = OnlyError(Head + "---\nseed: 1\n");
        Assert.Equal(4, error.Line);
        Assert.Contains("one YAML document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Protocol_and_participants_are_required()
    {
        var errors = Errors("seed: 4\n");
        Assert.Contains(errors, e => e.Line == 1 && e.Message.Contains("which protocol", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 1 && e.Message.Contains("how many participants", StringComparison.Ordinal));
    }

    [Fact]
    public void Input_over_one_mebibyte_is_refused_before_parsing()
    {
        // Valid YAML if it were parsed (a comment), so only the size check can refuse it.
        var yaml = Head + "# " + new string('x', ScenarioParser.MaxBytes);
        var error = OnlyError(yaml);
        Assert.Equal(1, error.Line);
        Assert.Contains("may be at most 1,048,576 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused_without_reading_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"commitlab-large-{Guid.NewGuid():N}.yaml");
        try
        {
            using (var stream = File.Create(path))
            {
                stream.SetLength(ScenarioParser.MaxBytes + 1L);
            }

            var e = Assert.Throws<ScenarioException>(() => ScenarioParser.ParseFile(path));
            Assert.Contains("may be at most", Assert.Single(e.Errors).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioParser.ParseFile("no/such/scenario.yaml"));
        var error = Assert.Single(e.Errors);
        Assert.Equal("no/such/scenario.yaml", error.File);
        Assert.Contains("no such file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_faults_is_an_error_at_the_faults_key()
    {
        var yaml = new StringBuilder(Head).Append("faults:\n");
        for (var i = 0; i <= Scenario.MaxFaults; i++)
        {
            yaml.Append("  - { at: ").Append(i).Append(", do: \"crash L\" }\n");
        }

        var error = OnlyError(yaml.ToString());
        Assert.Equal(3, error.Line);
        Assert.Contains($"at most {Scenario.MaxFaults} faults, but this one lists {Scenario.MaxFaults + 1}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        var yaml = Head + "title: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var error = OnlyError(yaml);
        Assert.Equal(3, error.Line);
        Assert.Contains("nested more than", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_in_one_pass_in_line_order()
    {
        const string Yaml = """
            protocol: 4pc
            participants: 3
            seed: nope
            network: { latency: [20, 40], loss: 2 }
            timeouts: { vote: 0, decison: 5 }
            votes: { P2: maybe }
            faults:
              - { at: 10, do: "crash P5" }
              - { when: "L logs comit", do: "crash L" }
              - { at: 20 }
            expect: { outcome: won }
            """;
        var errors = Errors(Yaml);
        Assert.Equal([1, 3, 4, 5, 5, 6, 9, 10, 11], errors.Select(e => e.Line));
    }

    [Fact]
    public void Unknown_node_problems_are_left_out_when_the_participant_count_is_broken()
    {
        // With 'participants' unreadable, "P5 is not in this run" would be a guess, not a finding.
        var errors = Errors("protocol: 2pc\nparticipants: many\nfaults:\n  - { at: 10, do: \"crash P5\" }\n");
        var error = Assert.Single(errors);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void The_design_example_parses_to_the_expected_scenario()
    {
        const string Yaml = """
            title: Leader crashes after deciding
            protocol: 2pc                # 2pc | 3pc
            participants: 3              # 1..16 (Scenario.MaxParticipants)
            seed: 42
            network: { latency: [20, 40], loss: 0.0 }
            failureDetector: timeout     # timeout | perfect
            timeouts: { vote: 200, decision: 300, resend: 150, detector: 150 }
            cooperativeTermination: true
            outcomeLog: false
            forcedWrite: 5               # ticks a forced log write takes
            maxTicks: 10000              # 1..1,000,000
            votes: { P2: no }            # optional; yes|no
            faults:
              - { when: "L logs commit", do: "crash L" }
              - { at: 600, do: "recover L" }
              - { afterEvent: 57, do: "cut L->P1" }
            expect: { outcome: committed, messages: 12 }
            """;
        var scenario = ScenarioParser.Parse(Yaml, "example.yaml");
        var expected = new Scenario
        {
            Title = "Leader crashes after deciding",
            Protocol = ProtocolKind.TwoPhase,
            Participants = 3,
            Seed = 42,
            Network = new NetworkSettings(20, 40, 0.0),
            FailureDetector = DetectorKind.Timeout,
            Timeouts = new TimeoutSettings(200, 300, 150, 150),
            CooperativeTermination = true,
            OutcomeLog = false,
            ForcedWriteTicks = 5,
            MaxTicks = 10_000,
            NoVoters = ImmutableHashSet.Create("P2"),
            Faults =
            [
                new(new FaultTiming.OnTrigger(new Trigger(TriggerKind.Logs, "L", Record: LogRecordKind.Commit)), new FaultAction.Crash("L")),
                new(new FaultTiming.AtTick(600), new FaultAction.Recover("L")),
                new(new FaultTiming.AfterEvent(57), new FaultAction.Cut("L", "P1", BothWays: false)),
            ],
            Expect = new Expectation(RunOutcome.Committed, 12),
        };
        ScenarioAssert.Same(expected, scenario);
        Assert.Equal([14, 15, 16], scenario.Faults.Select(f => f.Line));
    }

    [Fact]
    public void Missing_keys_take_the_scenario_defaults()
    {
        var scenario = ScenarioParser.Parse(Head, "minimal.yaml");
        ScenarioAssert.Same(new Scenario { Protocol = ProtocolKind.TwoPhase, Participants = 3 }, scenario);
        Assert.Null(scenario.Expect);
    }

    [Fact]
    public void Values_are_case_insensitive_and_node_names_canonical()
    {
        var scenario = ScenarioParser.Parse(
            "protocol: 3PC\nparticipants: 12\nfailureDetector: Perfect\noutcomeLog: FALSE\nvotes: { p10: No, p2: yes }\n" +
            "faults:\n  - { when: \"p1 SENDS Pre-Commit TO l\", do: \"Partition l, p1 | p2,P3\" }\nexpect: { outcome: Violation }\n",
            "case.yaml");
        Assert.Equal(ProtocolKind.ThreePhase, scenario.Protocol);
        Assert.Equal(DetectorKind.Perfect, scenario.FailureDetector);
        Assert.Equal(["P10"], scenario.NoVoters);
        var fault = Assert.Single(scenario.Faults);
        Assert.Equal("P1 sends pre-commit to L", ((FaultTiming.OnTrigger)fault.When).Trigger.ToText());
        Assert.Equal("partition L,P1 | P2,P3", fault.Do.ToText());
        Assert.Equal(RunOutcome.Violation, scenario.Expect!.Outcome);
    }

    [Fact]
    public void Block_style_works_like_flow_style()
    {
        const string Yaml = """
            protocol: 2pc
            participants: 2
            network:
              latency: 30
              loss: 0.25
            faults:
              - when: L sends prepare to P2
                do: drop
            expect:
              outcome: aborted
            """;
        var scenario = ScenarioParser.Parse(Yaml, "block.yaml");
        Assert.Equal(new NetworkSettings(30, 30, 0.25), scenario.Network);
        var fault = Assert.Single(scenario.Faults);
        Assert.Equal(7, fault.Line);
        Assert.Equal(new FaultAction.Drop(), fault.Do);
        Assert.Equal(new Expectation(RunOutcome.Aborted), scenario.Expect);
    }

    [Fact]
    public void Outcome_log_adds_the_log_node()
    {
        var scenario = ScenarioParser.Parse(Head + "outcomeLog: true\nfaults:\n  - { when: \"LOG logs commit\", do: \"crash L\" }\n", "log.yaml");
        Assert.True(scenario.OutcomeLog);
        Assert.Equal("LOG logs commit", ((FaultTiming.OnTrigger)scenario.Faults[0].When).Trigger.ToText());
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Every_lesson_scenario_parses_and_validates(string name)
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, name));
        Assert.Empty(scenario.Validate());
        Assert.NotEqual(new Scenario().Title, scenario.Title);
        Assert.NotNull(scenario.Expect?.Outcome);
    }

    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Every_lesson_scenario_starts_with_a_comment(string name)
    {
        var firstLine = File.ReadLines(Path.Combine(RepoFiles.LessonScenarios, name)).First();
        Assert.StartsWith("# ", firstLine, StringComparison.Ordinal);
    }

    [Fact]
    public void The_lesson_scenarios_named_in_the_design_exist()
    {
        string[] expected =
        [
            "2pc-happy-path.yaml", "3pc-happy-path.yaml", "2pc-participant-votes-no.yaml",
            "2pc-leader-crash-after-commit.yaml", "2pc-leader-crash-then-recover.yaml",
            "2pc-cooperative-termination-aborts.yaml", "2pc-outcome-log.yaml", "2pc-participant-recovers.yaml",
            "3pc-leader-crash-after-one-precommit.yaml", "3pc-leader-crash-before-precommit.yaml",
            "3pc-partition-timeout-detector.yaml", "3pc-partition-perfect-detector.yaml",
        ];
        foreach (var name in expected)
        {
            Assert.True(File.Exists(Path.Combine(RepoFiles.LessonScenarios, name)), name);
        }
    }

    public static TheoryData<string> LessonFiles() => RepoFiles.LessonScenarioNames();
}
