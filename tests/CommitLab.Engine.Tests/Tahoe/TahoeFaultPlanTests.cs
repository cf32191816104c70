using CommitLab.Cli;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>The fuzzer's Tahoe-LAFS run generator (<see cref="FaultPlan.GenerateTahoe"/>): a seed names one run, every run is valid, every fault is repaired.</summary>
public class TahoeFaultPlanTests
{
    private static readonly IReadOnlyList<ProtocolKind> Modes = Names.TahoeProtocols;

    [Fact]
    public void A_seed_always_gives_the_same_scenario()
    {
        for (ulong seed = 0; seed < 200; seed++)
        {
            var first = ScenarioWriter.ToYaml(TahoeRuns.Generate(seed, ProtocolKind.TahoeTwoPhase, 3, 4));
            var second = ScenarioWriter.ToYaml(TahoeRuns.Generate(seed, ProtocolKind.TahoeTwoPhase, 3, 4));
            Assert.Equal(first, second);
        }
    }

    [Fact]
    public void Different_seeds_give_different_scenarios()
    {
        var distinct = Enumerable.Range(0, 100)
            .Select(seed => ScenarioWriter.ToYaml(TahoeRuns.Generate((ulong)seed, ProtocolKind.TahoeTwoPhase, 2, 3) with { Title = "", Seed = 0 }))
            .ToHashSet();
        Assert.True(distinct.Count > 95, $"only {distinct.Count} distinct plans in 100 seeds");
    }

    [Fact]
    public void Every_generated_scenario_is_valid_for_every_mode_and_size()
    {
        foreach (var mode in Modes)
        {
            for (var writers = TahoeSettings.MinWriters; writers <= TahoeSettings.MaxWriters; writers++)
            {
                for (var servers = 1; servers <= TahoeSettings.MaxServers; servers++)
                {
                    for (ulong seed = 0; seed < 20; seed++)
                    {
                        var scenario = TahoeRuns.Generate(seed, mode, writers, servers);
                        Assert.Empty(scenario.Validate());
                        Assert.Equal(seed, scenario.Seed);
                        Assert.InRange(scenario.Faults.Length, 0, FaultPlan.TahoeMaxPicks * 2);
                    }
                }
            }
        }
    }

    [Fact]
    public void Every_crash_recovers_and_every_cut_heals_later()
    {
        for (ulong seed = 0; seed < 300; seed++)
        {
            var plan = TahoeRuns.Generate(seed, ProtocolKind.TahoeMagicFolder, 3, 3).Faults;
            for (var i = 0; i < plan.Length; i++)
            {
                var at = plan[i].When is FaultTiming.AtTick tick ? tick.Tick : -1;
                switch (plan[i].Do)
                {
                    case FaultAction.Crash crash:
                        Assert.Contains(plan.Skip(i + 1), f => f.Do == new FaultAction.Recover(crash.Node) && f.When is FaultTiming.AtTick t && t.Tick > at);
                        break;
                    case FaultAction.Cut cut:
                        Assert.Contains(plan.Skip(i + 1), f => f.Do == new FaultAction.Heal(cut.From, cut.To, cut.BothWays) && f.When is FaultTiming.AtTick t && t.Tick > at);
                        break;
                    case FaultAction.Drop:
                        Assert.Equal(TriggerKind.Sends, Assert.IsType<FaultTiming.OnTrigger>(plan[i].When).Trigger.Kind);
                        break;
                    case FaultAction.Recover or FaultAction.Heal:
                        break;
                    default:
                        Assert.Fail($"the generator drew {plan[i].Do.ToText()}, which it should not");
                        break;
                }
            }
        }
    }

    [Fact]
    public void Faults_land_where_messages_flow()
    {
        // A cut between two servers, or a drop of a message nobody sends, would be a fault that does nothing.
        var sends = new Dictionary<ProtocolKind, string>
        {
            [ProtocolKind.TahoeUncoordinated] = "read write read-reply write-ack",
            [ProtocolKind.TahoeTwoPhase] = "read prepare commit abort read-reply vote-yes vote-no ack",
            [ProtocolKind.TahoeMagicFolder] = "read append read-reply append-ack",
        };
        foreach (var mode in Modes)
        {
            for (ulong seed = 0; seed < 200; seed++)
            {
                foreach (var fault in TahoeRuns.Generate(seed, mode, 3, 2).Faults)
                {
                    if (fault.Do is FaultAction.Cut cut)
                    {
                        Assert.True(cut.From.StartsWith('S') != cut.To.StartsWith('S'), fault.ToString());
                    }

                    if (fault.When is FaultTiming.OnTrigger { Trigger: var send })
                    {
                        Assert.Contains(Names.Of(send.Message!.Value), sends[mode].Split(' '));
                        Assert.True(send.Peer is null || send.Node.StartsWith('S') != send.Peer.StartsWith('S'), fault.ToString());
                    }
                }
            }
        }
    }

    [Fact]
    public void Without_faults_a_seed_keeps_its_network_and_starts_and_loses_nothing()
    {
        for (ulong seed = 0; seed < 100; seed++)
        {
            var faulty = TahoeRuns.Generate(seed, ProtocolKind.TahoeUncoordinated, 2, 3);
            var calm = TahoeRuns.Generate(seed, ProtocolKind.TahoeUncoordinated, 2, 3, faults: false);
            Assert.Empty(calm.Faults);
            Assert.Equal(0.0, calm.Network.Loss);
            Assert.Equal((faulty.Network.LatencyMin, faulty.Network.LatencyMax), (calm.Network.LatencyMin, calm.Network.LatencyMax));
            Assert.Equal(faulty.Tahoe!.Starts.ToArray(), calm.Tahoe!.Starts.ToArray());
            Assert.Equal(faulty.Tahoe.Retry, calm.Tahoe.Retry);
        }
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(5, 3)]
    [InlineData(2, 0)]
    [InlineData(2, 8)]
    public void Sizes_outside_the_scenario_bounds_are_refused(int writers, int servers)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TahoeRuns.Generate(1, ProtocolKind.TahoeTwoPhase, writers, servers));
    }
}
