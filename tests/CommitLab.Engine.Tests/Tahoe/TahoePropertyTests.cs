using System.Collections.Immutable;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;
using FsCheck;
using FsCheck.Fluent;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>What must hold for every seed, latency, start offset, loss rate and fault mix.</summary>
public class TahoePropertyTests
{
    private static Gen<TahoeScenario> Scenarios(TahoeMode mode, bool faults) =>
        from writers in Gen.Choose(2, 4)
        from servers in Gen.Choose(1, 5)
        from seed in Gen.Choose(0, int.MaxValue)
        from latencyMin in Gen.Choose(1, 30)
        from latencySpread in Gen.Choose(0, 50)
        from lossPercent in Gen.Choose(0, faults ? 20 : 0)
        from offsets in Gen.ListOf(Gen.Choose(0, 60), writers)
        from retryLimit in Gen.Choose(3, 20)
        let shape = new TahoeScenario
        {
            Title = "generated",
            Mode = mode,
            Writers = writers,
            Servers = servers,
            Seed = (ulong)seed,
            Network = new NetworkSettings(latencyMin, latencyMin + latencySpread, lossPercent / 100.0),
            Starts = offsets.Select((tick, i) => KeyValuePair.Create($"W{i + 1}", (long)tick)).ToImmutableSortedDictionary(),
            Retry = new TahoeRetry(true, 20, 150, retryLimit),
            MaxTicks = 60_000,
        }
        from schedule in faults ? Faults(shape.NodeNames().ToArray()) : Gen.Constant(ImmutableArray<TahoeFault>.Empty)
        select shape with { Faults = schedule };

    /// <summary>Crashes that recover, cut links that heal, dropped messages: once the faults stop, every node is up and every link works.</summary>
    private static Gen<ImmutableArray<TahoeFault>> Faults(string[] nodes)
    {
        var kinds = Enum.GetValues<TahoeMessageKind>();
        var crash =
            from node in Gen.Elements(nodes)
            from at in Gen.Choose(0, 600)
            from downFor in Gen.Choose(1, 800)
            select new[]
            {
                new TahoeFault(new TahoeFaultTiming.AtTick(at), new TahoeFaultAction.Crash(node)),
                new TahoeFault(new TahoeFaultTiming.AtTick(at + downFor), new TahoeFaultAction.Recover(node)),
            };
        var cut =
            from a in Gen.Elements(nodes)
            from b in Gen.Elements(nodes).Where(x => x != a)
            from at in Gen.Choose(0, 600)
            from length in Gen.Choose(1, 600)
            select new[]
            {
                new TahoeFault(new TahoeFaultTiming.AtTick(at), new TahoeFaultAction.Cut(a, b, at % 2 == 0)),
                new TahoeFault(new TahoeFaultTiming.AtTick(at + length), new TahoeFaultAction.Heal(a, b, true)),
            };
        var drop =
            from node in Gen.Elements(nodes)
            from kind in Gen.Elements(kinds)
            select new[] { new TahoeFault(new TahoeFaultTiming.OnSend(node, kind, null), new TahoeFaultAction.Drop()) };
        return from count in Gen.Choose(0, 5)
               from picks in Gen.ListOf(Gen.Frequency((2, crash), (1, cut), (2, drop)), count)
               select picks.SelectMany(f => f).ToImmutableArray();
    }

    private static void Check(Gen<TahoeScenario> scenarios, int runs, Func<TahoeRunResult, string?> problem)
    {
        var property = Prop.ForAll(scenarios.ToArbitrary(), scenario =>
        {
            var result = TahoeSimulator.Create(scenario).RunToEnd();
            if (problem(result) is { } failure)
            {
                throw new InvalidOperationException($"{failure}\nScenario: {Describe(scenario)}");
            }
        });
        global::FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(runs).WithQuietOnSuccess(true), property);
    }

    private static string Describe(TahoeScenario s) =>
        $"mode {TahoeModes.Name(s.Mode)}, writers {s.Writers}, servers {s.Servers}, seed {s.Seed}, latency [{s.Network.LatencyMin}, {s.Network.LatencyMax}], " +
        $"loss {s.Network.Loss}, starts {{ {string.Join(", ", s.Starts.Select(p => $"{p.Key}: {p.Value}"))} }}, retry limit {s.Retry.Limit}, faults: {string.Join("; ", s.Faults)}";

    [Fact]
    public void Two_phase_commit_never_ends_with_live_servers_disagreeing_or_an_update_lost_silently()
    {
        Check(Scenarios(TahoeMode.TwoPhase, faults: true), runs: 1500, result =>
            !result.Settled ? $"did not settle: {result.Verdict.Explanation}"
            : result.Outcome is TahoeOutcome.Committed or TahoeOutcome.CleanAbort ? null
            : $"ended {TahoeOutcomes.Name(result.Outcome)}: {result.Verdict.Explanation}");
    }

    [Fact]
    public void Two_phase_commit_without_retry_ends_committed_or_cleanly_aborted_never_split()
    {
        var scenarios = from s in Scenarios(TahoeMode.TwoPhase, faults: true) select s with { Retry = s.Retry with { Enabled = false } };
        Check(scenarios, runs: 500, result =>
            !result.Settled ? $"did not settle: {result.Verdict.Explanation}"
            : result.Outcome is TahoeOutcome.Committed or TahoeOutcome.CleanAbort ? null
            : $"ended {TahoeOutcomes.Name(result.Outcome)}: {result.Verdict.Explanation}");
    }

    [Fact]
    public void The_magic_folder_never_loses_an_edit()
    {
        Check(Scenarios(TahoeMode.MagicFolder, faults: true), runs: 500, result =>
            !result.Settled ? $"did not settle: {result.Verdict.Explanation}"
            : result.Outcome is TahoeOutcome.Committed or TahoeOutcome.ConflictVisible ? null
            : $"ended {TahoeOutcomes.Name(result.Outcome)}: {result.Verdict.Explanation}");
    }

    [Fact]
    public void Uncoordinated_writers_lose_updates_for_some_seeds_and_the_monitor_says_so()
    {
        // The same collision under 200 seeds: the monitor must fire for some, or it could never fail.
        var outcomes = Enumerable.Range(0, 200)
            .Select(seed => TahoeRuns.Run(TahoeRuns.Collision(TahoeMode.Uncoordinated, seed: (ulong)seed)))
            .ToList();
        Assert.Contains(outcomes, r => r.Outcome == TahoeOutcome.LostUpdate && !r.Verdict.ServersAgree);
        Assert.Contains(outcomes, r => r.Outcome == TahoeOutcome.LostUpdate && r.Verdict.ServersAgree);
        Assert.All(outcomes, r => Assert.NotEqual(TahoeOutcome.Committed, r.Outcome));
    }

    [Fact]
    public void Uncoordinated_random_runs_often_lose_an_update()
    {
        var lost = 0;
        var property = Prop.ForAll(Scenarios(TahoeMode.Uncoordinated, faults: false).ToArbitrary(), scenario =>
        {
            if (TahoeSimulator.Create(scenario).RunToEnd().Outcome == TahoeOutcome.LostUpdate)
            {
                lost++;
            }
        });
        global::FsCheck.Check.One(Config.Quick.WithMaxTest(300).WithQuietOnSuccess(true), property);
        Assert.True(lost > 30, $"only {lost} of 300 uncoordinated runs lost an update");
    }
}
