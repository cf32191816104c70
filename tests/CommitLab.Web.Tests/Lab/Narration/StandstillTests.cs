using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Narration;

namespace CommitLab.Web.Tests.Lab.Narration;

/// <summary>A blocked run is called blocked as soon as only a recovery can end it, and says who waits for whom.</summary>
public sealed class StandstillTests
{
    /// <summary>Steps the run until a standstill is found (or the run ends); returns it with the tick it was found at.</summary>
    private static (Standstill? Found, long Tick, Simulator Sim) FirstStandstill(Scenario scenario)
    {
        var sim = Simulator.Create(scenario);
        while (true)
        {
            var found = Standstill.Find(sim.Trace, sim.Trace.Count, sim.Snapshot());
            if (found is not null || !sim.Step())
            {
                return (found, sim.Snapshot().Tick, sim);
            }
        }
    }

    [Fact]
    public void A_crashed_leader_after_commit_is_called_blocked_long_before_the_time_limit()
    {
        var (scenario, _) = LessonRuns.Lesson("2pc-leader-crash-after-commit.yaml");

        var (found, tick, _) = FirstStandstill(scenario);

        Assert.NotNull(found);
        Assert.Equal("Blocked: P1, P2 and P3 wait for L; only L's recovery can end this", found.Headline);
        // Called at 339 ms, once every participant has asked and heard only "don't know"; the run's own limit is 10,000 ms.
        Assert.Equal(339, tick);
        Assert.Equal(10_000, scenario.MaxTicks);
        Assert.StartsWith("L crash", found.Cause!.Text, StringComparison.Ordinal);
        Assert.All(found.Asks, a => Assert.True(a.Times >= 1));
    }

    [Fact]
    public void The_outcome_log_run_is_never_called_blocked()
    {
        var (scenario, _) = LessonRuns.Lesson("2pc-outcome-log.yaml");

        var (found, _, sim) = FirstStandstill(scenario);

        Assert.Null(found);
        Assert.Equal(RunOutcome.Committed, sim.Result().Outcome);
    }

    [Fact]
    public void A_fault_free_run_is_never_called_blocked()
    {
        var (found, _, _) = FirstStandstill(new Scenario { Protocol = ProtocolKind.TwoPhase, Participants = 3, Seed = 1 });

        Assert.Null(found);
    }

    [Fact]
    public void Repeated_asking_is_summed_up_and_the_crash_stays_in_the_last_forty_lines()
    {
        var (_, trace) = LessonRuns.Lesson("2pc-leader-crash-after-commit.yaml");

        var lines = Narrator.Recent(trace, ProtocolKind.TwoPhase, trace.Count, 40);

        Assert.Contains(lines, l => l.Text.StartsWith("L crash", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.Contains("times so far).", StringComparison.Ordinal));
        Assert.Equal(lines.Count, lines.Select(l => System.Text.RegularExpressions.Regex.Replace(l.Text, @"(?<![A-Za-z])\d[\d,]*", "#")).Distinct().Count());
    }

    [Fact]
    public void A_participant_cut_off_before_prepare_is_said_to_hold_its_lock()
    {
        var scenario = new Scenario
        {
            Protocol = ProtocolKind.TwoPhase,
            Participants = 3,
            Seed = 42,
            Faults = [LessonRuns.At(0, "cut L-P3")],
            MaxTicks = 2_000,
        };
        var sim = Simulator.Create(scenario);
        sim.RunToEnd();

        var state = Standstill.Replay(sim.Trace, sim.Trace.Count);

        Assert.Equal(["P3"], Untellable.Find(state));
        Assert.Equal("P3 holds its lock and cannot be told the outcome", Untellable.Sentence(Untellable.Find(state)));
        var lines = Narrator.Recent(sim.Trace, ProtocolKind.TwoPhase, sim.Trace.Count, 40);
        Assert.Contains(lines, l => l.Text.StartsWith("L sends ABORT again to P3", StringComparison.Ordinal) && l.Text.EndsWith("times so far).", StringComparison.Ordinal));
    }

    [Fact]
    public void Cutting_the_second_direction_later_is_told_as_a_both_ways_cut()
    {
        var trace = LessonRuns.WithFaults(ProtocolKind.TwoPhase, LessonRuns.At(0, "cut L->P3"), LessonRuns.At(10, "cut P3->L"));

        var lines = Narrator.Recent(trace, ProtocolKind.TwoPhase, trace.Count, int.MaxValue);

        Assert.Contains(lines, l => l.Text.StartsWith("The link from L to P3 is cut: messages from L to P3 are lost, while the other direction still works.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("The link from P3 to L is cut too, so the link between P3 and L is now cut both ways", StringComparison.Ordinal));
    }
}
