using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using FsCheck;
using FsCheck.Fluent;

namespace CommitLab.Engine.Tests.Properties;

/// <summary>
/// FsCheck generators for random scenarios: a configuration, a seed and a fault mix. Every generated
/// scenario prints as YAML, so a failing case is a file a student could open in the Lab.
/// </summary>
internal static class FaultMixes
{
    private static Gen<int> Tick(int max) => Gen.Choose(0, max);

    /// <summary>Crashes anywhere, each followed by a recovery: once the faults stop, every node is up.</summary>
    public static Gen<ImmutableArray<ScheduledFault>> CrashesThatRecover(string[] nodes) =>
        from count in Gen.Choose(1, 4)
        from crashes in Gen.ListOf(
            from node in Gen.Elements(nodes)
            from at in Tick(600)
            from downFor in Gen.Choose(1, 900)
            select new[]
            {
                new ScheduledFault(new FaultTiming.AtTick(at), new FaultAction.Crash(node)),
                new ScheduledFault(new FaultTiming.AtTick(at + downFor), new FaultAction.Recover(node)),
            },
            count)
        select crashes.SelectMany(pair => pair).ToImmutableArray();

    /// <summary>Anything in the closed fault set, at random ticks or on protocol triggers; the network heals and everyone recovers at the end.</summary>
    public static Gen<ImmutableArray<ScheduledFault>> AnyFaults(string[] nodes, ProtocolKind protocol)
    {
        var participants = nodes.Where(n => n.StartsWith('P')).ToArray();
        var messages = protocol == ProtocolKind.TwoPhase
            ? new[] { MessageKind.Prepare, MessageKind.VoteYes, MessageKind.Commit, MessageKind.Ack, MessageKind.DecisionReq }
            : new[] { MessageKind.CanCommit, MessageKind.VoteYes, MessageKind.PreCommit, MessageKind.Ack, MessageKind.DoCommit };
        var action =
            from kind in Gen.Choose(0, 6)
            from a in Gen.Elements(nodes)
            from b in Gen.Elements(nodes).Where(x => x != a || nodes.Length == 1)
            from ticks in Gen.Choose(1, 400)
            from cut in Gen.Choose(1, nodes.Length - 1)
            select kind switch
            {
                0 => (FaultAction)new FaultAction.Crash(a),
                1 => new FaultAction.Freeze(a, ticks),
                2 when a != b => new FaultAction.Cut(a, b, BothWays: ticks % 2 == 0),
                3 when nodes.Length > 1 => new FaultAction.Partition([[.. nodes[..cut]], [.. nodes[cut..]]]),
                4 => new FaultAction.VoteNo(participants[ticks % participants.Length]),
                5 => new FaultAction.Recover(a),
                _ => new FaultAction.Crash(a),
            };
        var timing =
            from useTrigger in Gen.Choose(0, 2)
            from at in Tick(700)
            from node in Gen.Elements(nodes)
            from message in Gen.Elements(messages)
            select useTrigger == 0
                ? (FaultTiming)new FaultTiming.OnTrigger(new Trigger(TriggerKind.Sends, node, Message: message))
                : new FaultTiming.AtTick(at);
        var dropOnSend =
            from node in Gen.Elements(nodes)
            from message in Gen.Elements(messages)
            from delay in Gen.Choose(0, 300)
            select new ScheduledFault(
                new FaultTiming.OnTrigger(new Trigger(TriggerKind.Sends, node, Message: message)),
                delay == 0 ? new FaultAction.Drop() : new FaultAction.Delay(delay));
        var fault = Gen.Frequency(
            (3, from w in timing from a in action select new ScheduledFault(w, a)),
            (1, dropOnSend));

        return from count in Gen.Choose(1, 6)
               from faults in Gen.ListOf(fault, count)
               select faults
                   .Append(new ScheduledFault(new FaultTiming.AtTick(1500), new FaultAction.HealAll()))
                   .Concat(nodes.Select(n => new ScheduledFault(new FaultTiming.AtTick(1500), new FaultAction.Recover(n))))
                   .ToImmutableArray();
    }

    public static Gen<Scenario> Scenarios(ProtocolKind protocol, DetectorKind detector, Func<string[], Gen<ImmutableArray<ScheduledFault>>> faults, double maxLoss = 0.0) =>
        from participants in Gen.Choose(1, 5)
        from seed in Gen.Choose(0, int.MaxValue)
        from latencyMin in Gen.Choose(1, 40)
        from latencySpread in Gen.Choose(0, 40)
        from lossPercent in Gen.Choose(0, (int)(maxLoss * 100))
        from cooperative in Gen.Elements(true, false)
        from outcomeLog in Gen.Elements(protocol == ProtocolKind.TwoPhase, false)
        let shape = new Scenario
        {
            Title = "generated",
            Protocol = protocol,
            Participants = participants,
            Seed = (ulong)seed,
            FailureDetector = detector,
            Network = new NetworkSettings(latencyMin, latencyMin + latencySpread, lossPercent / 100.0),
            CooperativeTermination = cooperative,
            OutcomeLog = outcomeLog,
            MaxTicks = 20_000,
        }
        from schedule in faults(shape.NodeNames().ToArray())
        select shape with { Faults = schedule };

    /// <summary>Runs a property over generated scenarios; on failure the message carries the scenario as YAML.</summary>
    public static void Check(Gen<Scenario> scenarios, int runs, Func<Scenario, RunResult, string?> problem) =>
        CheckRuns(scenarios, runs, (scenario, finished) => problem(scenario, finished.Result()));

    /// <summary>The same, for a property that reads the finished run itself (its trace, its nodes).</summary>
    public static void CheckRuns(Gen<Scenario> scenarios, int runs, Func<Scenario, Simulator, string?> problem)
    {
        var property = Prop.ForAll(scenarios.ToArbitrary(), scenario =>
        {
            var simulator = Simulator.Create(scenario);
            simulator.RunToEnd();
            var failure = problem(scenario, simulator);
            if (failure is not null)
            {
                throw new InvalidOperationException($"{failure}\nReproduce with this scenario:\n{ScenarioWriter.ToYaml(scenario)}");
            }
        });
        global::FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(runs).WithQuietOnSuccess(true), property);
    }
}
