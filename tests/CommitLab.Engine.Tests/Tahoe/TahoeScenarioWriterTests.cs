using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;
using CommitLab.Engine.Tests.Scenarios;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>parse(write(s)) gives s back, field by field, for the shipped files and for generated runs.</summary>
public class TahoeScenarioWriterTests
{
    public static TheoryData<string> TahoeFiles() => RepoFiles.TahoeScenarioNames();

    private static Scenario RoundTrip(Scenario scenario) =>
        ScenarioParser.Parse(ScenarioWriter.ToYaml(scenario), "written.yaml");

    /// <summary>A Tahoe-LAFS 2PC scenario with the section's defaults, to vary one field of.</summary>
    private static Scenario Tahoe(TahoeSettings? settings = null) => new() { Protocol = ProtocolKind.TahoeTwoPhase, Tahoe = settings ?? new TahoeSettings() };

    [Theory]
    [MemberData(nameof(TahoeFiles))]
    public void Every_shipped_tahoe_scenario_round_trips(string name)
    {
        var original = TahoeRuns.File(name);
        ScenarioAssert.Same(original, RoundTrip(original));
    }

    [Theory]
    [InlineData(ProtocolKind.TahoeTwoPhase)]
    [InlineData(ProtocolKind.TahoeUncoordinated)]
    [InlineData(ProtocolKind.TahoeMagicFolder)]
    public void Generated_scenarios_round_trip(ProtocolKind mode)
    {
        // 150 seeds per mode, every writer and server count, with and without faults: 900 scenarios.
        for (var i = 0; i < 150; i++)
        {
            var writers = TahoeSettings.MinWriters + (i % 3);
            var servers = 1 + (i % TahoeSettings.MaxServers);
            foreach (var faults in new[] { true, false })
            {
                var scenario = TahoeRuns.Generate((ulong)i, mode, writers, servers, faults);
                ScenarioAssert.Same(scenario, RoundTrip(scenario));
            }
        }
    }

    [Fact]
    public void A_written_repro_runs_exactly_as_the_original()
    {
        var scenario = TahoeRuns.Generate(41, ProtocolKind.TahoeTwoPhase, 3, 4);
        Assert.NotEmpty(scenario.Faults);
        Assert.Equal(TahoeRuns.Run(scenario).TraceHash, TahoeRuns.Run(RoundTrip(scenario)).TraceHash);
    }

    [Fact]
    public void Every_field_and_fault_kind_round_trips()
    {
        var scenario = new Scenario
        {
            Title = "Quotes \"here\", a colon: and # hash\\ and\na second line\ttab",
            Protocol = ProtocolKind.TahoeMagicFolder,
            Tahoe = new TahoeSettings
            {
                Writers = 4,
                Servers = 7,
                Starts = ImmutableSortedDictionary<string, long>.Empty.Add("W1", 0).Add("W4", 900),
                Retry = new TahoeRetry(false, 1, 2, 0),
                ResendTicks = 7,
                PollTicks = 9,
            },
            Seed = ulong.MaxValue,
            Network = new NetworkSettings(1, 1_000, 0.1 + 0.2),
            ForcedWriteTicks = 0,
            MaxTicks = Scenario.MaxTicksLimit,
            MaxEvents = Scenario.MaxEventsLimit,
            Faults =
            [
                TahoeRuns.At(0, new FaultAction.Crash("S7")),
                TahoeRuns.At(5, new FaultAction.Recover("S7")),
                TahoeRuns.At(6, new FaultAction.Cut("W1", "S2", true)),
                TahoeRuns.At(7, new FaultAction.Cut("S2", "R", false)),
                TahoeRuns.At(8, new FaultAction.Heal("W1", "S2", true)),
                TahoeRuns.At(8, new FaultAction.Heal("S2", "R", false)),
                TahoeRuns.At(9, new FaultAction.HealAll()),
                TahoeRuns.At(10, new FaultAction.Freeze("W3", 40)),
                TahoeRuns.At(11, new FaultAction.Partition([["W1", "S1"], ["W2", "W3", "W4", "S2", "S3", "S4", "S5", "S6", "S7", "R"]])),
                TahoeRuns.WhenSends("W2", MessageKind.Append, "S3", new FaultAction.Drop()),
                TahoeRuns.WhenSends("R", MessageKind.Read, null, new FaultAction.Drop()),
            ],
            Expect = new Expectation(Messages: 40, Tahoe: TahoeOutcome.ConflictVisible),
        };
        Assert.Empty(scenario.Validate());
        ScenarioAssert.Same(scenario, RoundTrip(scenario));
    }

    [Fact]
    public void Empty_expectations_and_no_expectation_stay_distinct()
    {
        Assert.Null(RoundTrip(Tahoe() with { Expect = null }).Expect);
        Assert.Equal(new Expectation(), RoundTrip(Tahoe() with { Expect = new Expectation() }).Expect);
        Assert.Equal(new Expectation(Messages: 3), RoundTrip(Tahoe() with { Expect = new Expectation(Messages: 3) }).Expect);
    }

    [Fact]
    public void Output_reads_like_a_shipped_file()
    {
        var yaml = ScenarioWriter.ToYaml(TahoeRuns.File("tahoe-2pc.yaml"));
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
        Assert.Equal(ProtocolKind.TahoeTwoPhase, ScenarioParser.Parse(yaml, "written.yaml").Protocol);
    }

    [Fact]
    public void Every_tahoe_setting_is_written_in_the_one_section()
    {
        var yaml = ScenarioWriter.ToYaml(Tahoe(new TahoeSettings { ResendTicks = 80 }) with
        {
            Network = new NetworkSettings(10, 40, 0.0),
            Faults = [TahoeRuns.WhenSends("W1", MessageKind.Prepare, "S3", new FaultAction.Drop())],
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
        Assert.Equal(loss, RoundTrip(Tahoe() with { Network = new NetworkSettings(Loss: loss) }).Network.Loss);
    }
}
