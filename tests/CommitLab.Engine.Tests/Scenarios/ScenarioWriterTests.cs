using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tests.Scenarios;

public class ScenarioWriterTests
{
    [Theory]
    [MemberData(nameof(LessonFiles))]
    public void Every_lesson_scenario_round_trips(string name)
    {
        var original = ScenarioParser.ParseFile(Path.Combine(RepoFiles.LessonScenarios, name));
        var written = ScenarioWriter.ToYaml(original);
        ScenarioAssert.Same(original, ScenarioParser.Parse(written, name));
    }

    [Fact]
    public void Every_field_and_fault_kind_round_trips()
    {
        var scenario = new Scenario
        {
            Title = "Quotes \"here\", a colon: and # hash\\ and\na second line\ttab",
            Protocol = ProtocolKind.TwoPhase,
            Participants = 12,
            Seed = ulong.MaxValue,
            Network = new NetworkSettings(1, 1_000, 0.1 + 0.2),
            FailureDetector = DetectorKind.Perfect,
            Timeouts = new TimeoutSettings(1, 2, 3, 4),
            CooperativeTermination = false,
            OutcomeLog = true,
            ForcedWriteTicks = 0,
            MaxTicks = Scenario.MaxTicksLimit,
            MaxEvents = Scenario.MaxEventsLimit,
            NoVoters = ImmutableHashSet.Create("P10", "P2"),
            Faults =
            [
                new(new FaultTiming.AtTick(0), new FaultAction.Crash("L")),
                new(new FaultTiming.AtTick(5), new FaultAction.Recover("L")),
                new(new FaultTiming.AfterEvent(3), new FaultAction.Freeze("P12", 40)),
                new(new FaultTiming.OnTrigger(new Trigger(TriggerKind.Enters, "P1", State: Phase.Uncertain)), new FaultAction.Cut("L", "P1", true)),
                new(new FaultTiming.AtTick(9), new FaultAction.Cut("P1", "L", false)),
                new(new FaultTiming.AtTick(9), new FaultAction.Heal("LOG", "L", false)),
                new(new FaultTiming.AtTick(10), new FaultAction.HealAll()),
                new(new FaultTiming.AtTick(11), new FaultAction.Partition([["L", "LOG"], ["P1", "P2"], ["P3"]])),
                new(new FaultTiming.OnTrigger(new Trigger(TriggerKind.Sends, "L", Message: MessageKind.Prepare, Peer: "P2")), new FaultAction.Drop()),
                new(new FaultTiming.OnTrigger(new Trigger(TriggerKind.Sends, "P3", Message: MessageKind.VoteYes)), new FaultAction.Delay(25)),
                new(new FaultTiming.AtTick(12), new FaultAction.Drop(44)),
                new(new FaultTiming.AtTick(12), new FaultAction.Delay(9, 45)),
                new(new FaultTiming.OnTrigger(new Trigger(TriggerKind.Receives, "P4", Message: MessageKind.Prepare, Peer: "L")), new FaultAction.VoteNo("P4")),
                new(new FaultTiming.OnTrigger(new Trigger(TriggerKind.Logs, "LOG", Record: LogRecordKind.Commit)), new FaultAction.Crash("LOG")),
            ],
            Expect = new Expectation(Messages: 40),
        };
        Assert.Empty(scenario.Validate());
        var parsed = ScenarioParser.Parse(ScenarioWriter.ToYaml(scenario), "written.yaml");
        ScenarioAssert.Same(scenario, parsed);
    }

    [Fact]
    public void Empty_expectations_and_no_expectation_stay_distinct()
    {
        var none = new Scenario { Expect = null };
        var empty = new Scenario { Expect = new Expectation() };
        Assert.Null(ScenarioParser.Parse(ScenarioWriter.ToYaml(none), "a.yaml").Expect);
        Assert.Equal(new Expectation(), ScenarioParser.Parse(ScenarioWriter.ToYaml(empty), "b.yaml").Expect);
    }

    [Fact]
    public void Output_lists_every_key_and_puts_faults_on_their_own_lines()
    {
        var yaml = ScenarioWriter.ToYaml(new Scenario
        {
            Faults = [new(new FaultTiming.AtTick(600), new FaultAction.Recover("L"))],
            Expect = new Expectation(RunOutcome.Committed, 12),
        });
        foreach (var key in new[] { "title:", "protocol:", "participants:", "seed:", "network:", "failureDetector:", "timeouts:", "cooperativeTermination:", "outcomeLog:", "forcedWrite:", "maxTicks:", "votes:", "faults:", "expect:" })
        {
            Assert.Contains("\n" + key, "\n" + yaml, StringComparison.Ordinal);
        }

        Assert.Contains("  - { at: 600, do: \"recover L\" }\n", yaml, StringComparison.Ordinal);
        Assert.Contains("expect: { outcome: committed, messages: 12 }\n", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.3)]
    [InlineData(1e-9)]
    [InlineData(0.30000000000000004)]
    public void Loss_survives_exactly(double loss)
    {
        var scenario = new Scenario { Network = new NetworkSettings(Loss: loss) };
        Assert.Equal(loss, ScenarioParser.Parse(ScenarioWriter.ToYaml(scenario), "loss.yaml").Network.Loss);
    }

    public static TheoryData<string> LessonFiles() => RepoFiles.LessonScenarioNames();
}
