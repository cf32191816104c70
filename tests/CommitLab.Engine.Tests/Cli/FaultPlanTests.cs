using System.Collections.Immutable;
using CommitLab.Cli;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tests.Cli;

public class FaultPlanTests
{
    private static readonly ImmutableSortedSet<FaultKind> AllKinds = [.. Enum.GetValues<FaultKind>()];

    [Fact]
    public void A_seed_always_gives_the_same_plan()
    {
        for (ulong seed = 0; seed < 200; seed++)
        {
            var first = FaultPlan.Generate(seed, ProtocolKind.ThreePhase, 4, AllKinds);
            var second = FaultPlan.Generate(seed, ProtocolKind.ThreePhase, 4, AllKinds);
            // SequenceEqual uses the records' own equality; xunit would compare ImmutableArray structurally with its own comparer.
            Assert.True(first.SequenceEqual(second), $"seed {seed}: {string.Join("; ", first.Select(Describe))} vs {string.Join("; ", second.Select(Describe))}");
        }
    }

    [Fact]
    public void Different_seeds_give_different_plans()
    {
        var plans = Enumerable.Range(0, 100).Select(seed => string.Join(";", FaultPlan.Generate((ulong)seed, ProtocolKind.TwoPhase, 3, AllKinds).Select(Describe))).ToHashSet();
        Assert.True(plans.Count > 90, $"only {plans.Count} distinct plans in 100 seeds");
    }

    [Theory]
    [InlineData(ProtocolKind.TwoPhase, 1)]
    [InlineData(ProtocolKind.TwoPhase, 3)]
    [InlineData(ProtocolKind.ThreePhase, 5)]
    [InlineData(ProtocolKind.ThreePhase, 16)]
    public void Every_plan_is_a_valid_scenario(ProtocolKind protocol, int participants)
    {
        for (ulong seed = 0; seed < 500; seed++)
        {
            var scenario = new Scenario { Protocol = protocol, Participants = participants, Seed = seed, Faults = FaultPlan.Generate(seed, protocol, participants, AllKinds) };
            Assert.Empty(scenario.Validate());
            Assert.InRange(scenario.Faults.Length, 1, FaultPlan.MaxPrimaryFaults * 2);
        }
    }

    [Fact]
    public void Only_the_chosen_kinds_appear()
    {
        ImmutableSortedSet<FaultKind> kinds = [FaultKind.Drop, FaultKind.Freeze];
        for (ulong seed = 0; seed < 300; seed++)
        {
            foreach (var fault in FaultPlan.Generate(seed, ProtocolKind.TwoPhase, 3, kinds))
            {
                Assert.True(fault.Do is FaultAction.Drop or FaultAction.Freeze, fault.Do.ToText());
                if (fault.Do is FaultAction.Drop)
                {
                    Assert.Equal(TriggerKind.Sends, Assert.IsType<FaultTiming.OnTrigger>(fault.When).Trigger.Kind);
                }
            }
        }
    }

    [Fact]
    public void Crashed_nodes_recover_later_when_recover_is_allowed()
    {
        ImmutableSortedSet<FaultKind> kinds = [FaultKind.Crash, FaultKind.Recover];
        for (ulong seed = 0; seed < 300; seed++)
        {
            var plan = FaultPlan.Generate(seed, ProtocolKind.TwoPhase, 3, kinds);
            for (var i = 0; i < plan.Length; i++)
            {
                if (plan[i].Do is FaultAction.Crash crash)
                {
                    var at = plan[i].When is FaultTiming.AtTick tick ? tick.Tick : FaultPlan.Horizon;
                    Assert.Contains(plan.Skip(i + 1), f => f.Do == new FaultAction.Recover(crash.Node) && f.When is FaultTiming.AtTick t && t.Tick > at);
                }
            }
        }
    }

    [Fact]
    public void Without_recover_crashes_are_permanent()
    {
        ImmutableSortedSet<FaultKind> kinds = [FaultKind.Crash];
        for (ulong seed = 0; seed < 100; seed++)
        {
            Assert.All(FaultPlan.Generate(seed, ProtocolKind.TwoPhase, 3, kinds), f => Assert.IsType<FaultAction.Crash>(f.Do));
        }
    }

    [Fact]
    public void Recover_alone_generates_nothing()
    {
        Assert.Empty(FaultPlan.Generate(1, ProtocolKind.TwoPhase, 3, ImmutableSortedSet.Create(FaultKind.Recover)));
    }

    [Fact]
    public void Plans_survive_the_repro_file()
    {
        for (ulong seed = 0; seed < 100; seed++)
        {
            var scenario = new Scenario { Protocol = ProtocolKind.ThreePhase, Seed = seed, Faults = FaultPlan.Generate(seed, ProtocolKind.ThreePhase, 3, AllKinds) };
            Scenarios.ScenarioAssert.Same(scenario, ScenarioParser.Parse(ScenarioWriter.ToYaml(scenario), "repro.yaml"));
        }
    }

    private static string Describe(ScheduledFault fault) => $"{fault.When} {fault.Do.ToText()}";
}
