using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tests.Protocols;

/// <summary>
/// Recovery under a presumption: what L does with what its log holds, and what it answers a
/// participant that asks. Presumed abort: no decision logged means abort, written lazily and never
/// acknowledged. Presumed commit: COLLECTING without a decision means abort (forced, acknowledged);
/// a logged commit needs nothing more, and a participant that missed it asks and is told commit.
/// </summary>
public class PresumptionRecoveryTests
{
    [Fact]
    public void Presumed_abort_coordinator_recovering_with_no_decision_aborts_lazily_without_acks()
    {
        var scenario = (Runs.TwoPc(3, seed: 42) with { Presume = Presumption.Abort })
            .With(Runs.At(70, "crash L"), Runs.At(400, "recover L"));
        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        Assert.Contains("t=400 L logs abort", lines);
        Assert.DoesNotContain(lines, line => line.Contains("logs abort (forced)", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("sends ack", StringComparison.Ordinal));
        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Presumed_abort_participant_that_missed_the_abort_asks_and_is_told_abort()
    {
        var scenario = (Runs.TwoPc(3, seed: 42) with { Presume = Presumption.Abort, NoVoters = ["P3"] })
            .With(Runs.When("L sends abort to P1", "drop"));
        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        var ask = lines.FindIndex(line => line.Contains("P1 sends decision-req", StringComparison.Ordinal) && line.Contains("to L", StringComparison.Ordinal));
        var answer = lines.FindIndex(line => line.Contains("L sends decision(abort)", StringComparison.Ordinal) && line.Contains("to P1", StringComparison.Ordinal));
        Assert.True(ask >= 0 && answer > ask, string.Join("\n", lines));
        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.DoesNotContain(lines, line => line.Contains("P1 logs abort (forced)", StringComparison.Ordinal));
    }

    [Fact]
    public void Presumed_commit_coordinator_recovering_with_collecting_and_no_decision_aborts_and_waits_for_acks()
    {
        var scenario = (Runs.TwoPc(3, seed: 42) with { Presume = Presumption.Commit })
            .With(Runs.At(70, "crash L"), Runs.At(400, "recover L"));
        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        Assert.Contains("t=405 L logs abort (forced)", lines);
        Assert.Equal(3, lines.Count(line => line.Contains("sends ack(abort)", StringComparison.Ordinal)));
        Assert.Equal(3, lines.Count(line => line.StartsWith("t=", StringComparison.Ordinal) && line.Contains(" P", StringComparison.Ordinal) && line.EndsWith("logs abort (forced)", StringComparison.Ordinal)));
        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Presumed_commit_coordinator_that_crashed_after_logging_commit_answers_commit_and_resends_nothing()
    {
        var scenario = (Runs.TwoPc(3, seed: 42) with { Presume = Presumption.Commit })
            .With(Runs.When("L logs commit", "crash L"), Runs.At(600, "recover L"));
        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        Assert.DoesNotContain(lines, line => line.Contains("L sends commit", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(line => line.Contains("L sends decision(commit)", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, line => line.Contains("sends ack", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(line => line.Contains(" P", StringComparison.Ordinal) && line.EndsWith("logs commit", StringComparison.Ordinal)));
        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Empty(result.Violations);
    }

    [Fact]
    public void Basic_2pc_keeps_its_trace_when_nothing_is_presumed()
    {
        var basic = Simulator.Create(Runs.TwoPc(3, seed: 42)).RunToEnd();
        var explicitNothing = Simulator.Create(Runs.TwoPc(3, seed: 42) with { Presume = Presumption.Nothing, ReadOnly = [] }).RunToEnd();

        Assert.Equal(basic.TraceHash, explicitNothing.TraceHash);
        Assert.Equal(7, basic.ForcedWrites);
    }

    [Fact]
    public void A_read_only_participant_that_crashed_and_recovered_stays_out_of_the_outcome()
    {
        var scenario = (Runs.TwoPc(3, seed: 42) with { Presume = Presumption.Abort, ReadOnly = ["P2"] })
            .With(Runs.When("P2 sends vote-read-only", "crash P2"), Runs.At(300, "recover P2"));
        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Empty(result.Violations);
        Assert.Equal(Phase.ReadOnly, sim.Snapshot().Node("P2").Phase);
    }
}
