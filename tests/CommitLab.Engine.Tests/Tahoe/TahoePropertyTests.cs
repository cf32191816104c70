using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>
/// What must hold for every seed, latency, start offset, loss rate and fault mix. The runs come from
/// <see cref="Cli.FaultPlan.GenerateTahoe"/>, the generator <c>commitlab fuzz --protocol tahoe</c> uses, over a
/// fixed seed range: the same runs every time, and a failure names a seed the fuzzer can replay.
/// </summary>
public class TahoePropertyTests
{
    /// <summary>Seeds 0..runs-1, cycling through 2 to 4 writers and 1 to 5 servers so every shape gets its share.</summary>
    private static IEnumerable<Scenario> Scenarios(ProtocolKind mode, bool faults, int runs) =>
        Enumerable.Range(0, runs).Select(i => TahoeRuns.Generate((ulong)i, mode, writers: 2 + (i % 3), servers: 1 + (i / 3 % 5), faults));

    private static void Check(IEnumerable<Scenario> scenarios, Func<RunResult, string?> problem)
    {
        foreach (var scenario in scenarios)
        {
            var result = Simulator.Create(scenario).RunToEnd();
            if (problem(result) is { } failure)
            {
                // The whole scenario as a file, so the failing run can be opened in the Lab or replayed with commitlab run.
                Assert.Fail($"{failure}\n{ScenarioWriter.ToYaml(scenario)}");
            }
        }
    }

    private static string? SettledAs(RunResult result, params TahoeOutcome[] allowed) =>
        !result.Settled ? $"did not settle: {result.Verdict().Explanation}"
        : allowed.Contains(result.Verdict().Outcome) ? null
        : $"ended {TahoeOutcomes.Name(result.Verdict().Outcome)}: {result.Verdict().Explanation}";

    [Fact]
    public void Two_phase_commit_never_ends_with_live_servers_disagreeing_or_an_update_lost_silently()
    {
        Check(Scenarios(ProtocolKind.TahoeTwoPhase, faults: true, runs: 1500), result => SettledAs(result, TahoeOutcome.Committed, TahoeOutcome.CleanAbort));
    }

    [Fact]
    public void Two_phase_commit_without_retry_ends_committed_or_cleanly_aborted_never_split()
    {
        var scenarios = Scenarios(ProtocolKind.TahoeTwoPhase, faults: true, runs: 500).Select(s => s.WithRetry(s.Tahoe!.Retry with { Enabled = false }));
        Check(scenarios, result => SettledAs(result, TahoeOutcome.Committed, TahoeOutcome.CleanAbort));
    }

    [Fact]
    public void The_magic_folder_never_loses_an_edit()
    {
        Check(Scenarios(ProtocolKind.TahoeMagicFolder, faults: true, runs: 500), result => SettledAs(result, TahoeOutcome.Committed, TahoeOutcome.ConflictVisible));
    }

    [Fact]
    public void Uncoordinated_writers_lose_updates_for_some_seeds_and_the_monitor_says_so()
    {
        // The same collision under 200 seeds: the monitor must fire for some, or it could never fail.
        var outcomes = Enumerable.Range(0, 200)
            .Select(seed => TahoeRuns.Run(TahoeRuns.Collision(ProtocolKind.TahoeUncoordinated, seed: (ulong)seed)))
            .ToList();
        Assert.Contains(outcomes, r => r.Verdict().Outcome == TahoeOutcome.LostUpdate && !r.Verdict().ServersAgree);
        Assert.Contains(outcomes, r => r.Verdict().Outcome == TahoeOutcome.LostUpdate && r.Verdict().ServersAgree);
        Assert.All(outcomes, r => Assert.NotEqual(TahoeOutcome.Committed, r.Verdict().Outcome));
    }

    [Fact]
    public void Uncoordinated_random_runs_often_lose_an_update()
    {
        var lost = Scenarios(ProtocolKind.TahoeUncoordinated, faults: false, runs: 300)
            .Count(scenario => TahoeRuns.Run(scenario).Verdict().Outcome == TahoeOutcome.LostUpdate);
        Assert.True(lost > 30, $"only {lost} of 300 uncoordinated runs lost an update");
    }

    [Fact]
    public void The_monitors_judge_the_state_the_run_ends_in()
    {
        // Lost update and servers agree read the nodes; they must see each node's new state, not the
        // one before its last step, or the monitor bar and the fuzzer's promise disagree with the verdict.
        foreach (var mode in Names.TahoeProtocols)
        {
            foreach (var scenario in Scenarios(mode, faults: true, runs: 200))
            {
                var simulator = Simulator.Create(scenario);
                var verdict = simulator.RunToEnd().Verdict();
                var holds = simulator.Monitors.ToDictionary(m => m.Name, m => m.Holds);
                Assert.True(holds["no lost update"] == verdict.Lost.IsEmpty, $"seed {scenario.Seed} ({Names.TahoeMode(mode)}): {verdict.Explanation}");
                Assert.True(holds["servers agree"] == verdict.ServersAgree, $"seed {scenario.Seed} ({Names.TahoeMode(mode)}): {verdict.Explanation}");
            }
        }
    }
}
