using System.Collections.Immutable;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tahoe;
using CommitLab.Engine.Tests.Scenarios;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>parse(write(s)) gives s back, field by field, for the shipped files and for generated runs.</summary>
public class TahoeScenarioWriterTests
{
    public static TheoryData<string> TahoeFiles() => RepoFiles.TahoeScenarioNames();

    private static TahoeScenario RoundTrip(TahoeScenario scenario) =>
        TahoeScenarioParser.Parse(TahoeScenarioWriter.ToYaml(scenario), "written.yaml");

    [Theory]
    [MemberData(nameof(TahoeFiles))]
    public void Every_shipped_tahoe_scenario_round_trips(string name)
    {
        var original = TahoeRuns.File(name);
        TahoeScenarioAssert.Same(original, RoundTrip(original));
    }

    [Theory]
    [InlineData(TahoeMode.TwoPhase)]
    [InlineData(TahoeMode.Uncoordinated)]
    [InlineData(TahoeMode.MagicFolder)]
    public void Generated_scenarios_round_trip(TahoeMode mode)
    {
        // 150 seeds per mode, every writer and server count, with and without faults: 900 scenarios.
        for (var i = 0; i < 150; i++)
        {
            var writers = TahoeScenario.MinWriters + (i % 3);
            var servers = 1 + (i % TahoeScenario.MaxServers);
            foreach (var faults in new[] { true, false })
            {
                var scenario = TahoeFaultPlan.Generate((ulong)i, mode, writers, servers, faults);
                TahoeScenarioAssert.Same(scenario, RoundTrip(scenario));
            }
        }
    }

    [Fact]
    public void A_written_repro_runs_exactly_as_the_original()
    {
        var scenario = TahoeFaultPlan.Generate(41, TahoeMode.TwoPhase, 3, 4);
        Assert.NotEmpty(scenario.Faults);
        Assert.Equal(TahoeRuns.Run(scenario).TraceHash, TahoeRuns.Run(RoundTrip(scenario)).TraceHash);
    }

    [Fact]
    public void Every_field_and_fault_kind_round_trips()
    {
        var scenario = new TahoeScenario
        {
            Title = "Quotes \"here\", a colon: and # hash\\ and\na second line\ttab",
            Mode = TahoeMode.MagicFolder,
            Writers = 4,
            Servers = 7,
            Seed = ulong.MaxValue,
            Network = new NetworkSettings(1, 1_000, 0.1 + 0.2),
            Starts = ImmutableSortedDictionary<string, long>.Empty.Add("W1", 0).Add("W4", 900),
            Retry = new TahoeRetry(false, 1, 2, 0),
            ResendTicks = 7,
            PollTicks = 9,
            ForcedWriteTicks = 0,
            MaxTicks = Scenario.MaxTicksLimit,
            MaxEvents = Scenario.MaxEventsLimit,
            Faults =
            [
                new(new TahoeFaultTiming.AtTick(0), new TahoeFaultAction.Crash("S7")),
                new(new TahoeFaultTiming.AtTick(5), new TahoeFaultAction.Recover("S7")),
                new(new TahoeFaultTiming.AtTick(6), new TahoeFaultAction.Cut("W1", "S2", true)),
                new(new TahoeFaultTiming.AtTick(7), new TahoeFaultAction.Cut("S2", "R", false)),
                new(new TahoeFaultTiming.AtTick(8), new TahoeFaultAction.Heal("W1", "S2", true)),
                new(new TahoeFaultTiming.AtTick(8), new TahoeFaultAction.Heal("S2", "R", false)),
                new(new TahoeFaultTiming.AtTick(9), new TahoeFaultAction.HealAll()),
                new(new TahoeFaultTiming.OnSend("W2", MessageKind.Append, "S3"), new TahoeFaultAction.Drop()),
                new(new TahoeFaultTiming.OnSend("R", MessageKind.Read, null), new TahoeFaultAction.Drop()),
            ],
            Expect = new TahoeExpectation(TahoeOutcome.ConflictVisible, 40),
        };
        Assert.Empty(scenario.Validate());
        TahoeScenarioAssert.Same(scenario, RoundTrip(scenario));
    }

    [Fact]
    public void Empty_expectations_and_no_expectation_stay_distinct()
    {
        Assert.Null(RoundTrip(new TahoeScenario { Expect = null }).Expect);
        Assert.Equal(new TahoeExpectation(), RoundTrip(new TahoeScenario { Expect = new TahoeExpectation() }).Expect);
        Assert.Equal(new TahoeExpectation(Messages: 3), RoundTrip(new TahoeScenario { Expect = new TahoeExpectation(Messages: 3) }).Expect);
    }

    [Fact]
    public void Output_reads_like_a_shipped_file()
    {
        var yaml = TahoeScenarioWriter.ToYaml(TahoeRuns.File("tahoe-2pc.yaml"));
        Assert.Equal(
            """
            title: "Tahoe-LAFS, two writers with end-to-end 2PC"
            protocol: tahoe-2pc
            tahoe: { writers: 2, servers: 3, starts: { W1: 0, W2: 5 }, retry: { enabled: true, backoff: [40, 120], limit: 5 }, resend: 100, poll: 60 }
            seed: 8
            network: { latency: [10, 40], loss: 0.0 }
            forcedWrite: 5
            maxTicks: 10000
            faults: []
            expect: { outcome: committed }

            """.ReplaceLineEndings("\n"),
            yaml);
        Assert.True(TahoeScenarioParser.IsTahoe(yaml));
    }

    [Fact]
    public void Every_tahoe_setting_is_written_in_the_one_section()
    {
        var yaml = TahoeScenarioWriter.ToYaml(new TahoeScenario
        {
            ResendTicks = 80,
            Faults = [new(new TahoeFaultTiming.OnSend("W1", MessageKind.Prepare, "S3"), new TahoeFaultAction.Drop())],
        });
        Assert.Contains("\ntahoe: { writers: 2, servers: 3, starts: {}, retry: { enabled: true, backoff: [40, 120], limit: 5 }, resend: 80, poll: 60 }\n", yaml, StringComparison.Ordinal);
        Assert.Contains("\nforcedWrite: 5\n", yaml, StringComparison.Ordinal);
        Assert.Contains("faults:\n  - { when: \"W1 sends prepare to S3\", do: \"drop\" }\n", yaml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1e-9)]
    [InlineData(0.30000000000000004)]
    public void Loss_survives_exactly(double loss)
    {
        Assert.Equal(loss, RoundTrip(new TahoeScenario { Network = new NetworkSettings(Loss: loss) }).Network.Loss);
    }
}
