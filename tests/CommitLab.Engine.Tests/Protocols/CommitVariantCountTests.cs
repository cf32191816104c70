using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tests.Protocols;

/// <summary>
/// The costs the literature gives for basic 2PC, presumed abort and presumed commit (Mohan, Lindsay
/// and Obermarck 1986), in messages and forced log writes, pinned exactly for n = 1, 3 and 5.
/// </summary>
public class CommitVariantCountTests
{
    /// <summary>
    /// Committing: basic and presumed abort 4n messages and 2n + 1 forced writes; presumed commit
    /// 3n messages (no acks) and n + 2 forced writes (COLLECTING, n PREPARED, L's COMMIT).
    /// </summary>
    [Theory]
    [InlineData(Presumption.Nothing, 1, 4, 3)]
    [InlineData(Presumption.Nothing, 3, 12, 7)]
    [InlineData(Presumption.Nothing, 5, 20, 11)]
    [InlineData(Presumption.Abort, 1, 4, 3)]
    [InlineData(Presumption.Abort, 3, 12, 7)]
    [InlineData(Presumption.Abort, 5, 20, 11)]
    [InlineData(Presumption.Commit, 1, 3, 3)]
    [InlineData(Presumption.Commit, 3, 9, 5)]
    [InlineData(Presumption.Commit, 5, 15, 7)]
    public void A_commit_costs_what_the_literature_says(Presumption presume, int n, int messages, int forced)
    {
        var result = Simulator.Create(Runs.TwoPc(n, seed: 7) with { Presume = presume }).RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(messages, result.Messages.Sent);
        Assert.Equal(forced, result.ForcedWrites);
    }

    /// <summary>
    /// Aborting because the last participant votes no. L sends ABORT to every participant (the no-voter
    /// included), so basic 2PC costs 4n messages and 2n - 1 forced writes (n - 1 PREPARED, L's ABORT,
    /// n - 1 participants' ABORT; the no-voter aborts lazily). Presumed abort drops the acks and every
    /// forced abort: 3n messages, n - 1 forced writes. Presumed commit forces and acknowledges aborts
    /// and adds COLLECTING: 4n messages, 2n forced writes.
    /// </summary>
    [Theory]
    [InlineData(Presumption.Nothing, 1, 4, 1)]
    [InlineData(Presumption.Nothing, 3, 12, 5)]
    [InlineData(Presumption.Nothing, 5, 20, 9)]
    [InlineData(Presumption.Abort, 1, 3, 0)]
    [InlineData(Presumption.Abort, 3, 9, 2)]
    [InlineData(Presumption.Abort, 5, 15, 4)]
    [InlineData(Presumption.Commit, 1, 4, 2)]
    [InlineData(Presumption.Commit, 3, 12, 6)]
    [InlineData(Presumption.Commit, 5, 20, 10)]
    public void An_abort_costs_what_the_literature_says(Presumption presume, int n, int messages, int forced)
    {
        var result = Simulator.Create(Aborting(n, presume)).RunToEnd();

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal(messages, result.Messages.Sent);
        Assert.Equal(forced, result.ForcedWrites);
    }

    [Theory]
    [InlineData(Presumption.Nothing)]
    [InlineData(Presumption.Commit)]
    public void Aborts_are_acknowledged_unless_abort_is_presumed(Presumption presume)
    {
        var sim = Simulator.Create(Aborting(3, presume));
        sim.RunToEnd();

        Assert.Equal(3, sim.Lines().Count(line => line.Contains("sends ack(abort)", StringComparison.Ordinal)));
        Assert.Contains(sim.Lines(), line => line.EndsWith("L logs abort (forced)", StringComparison.Ordinal));
    }

    [Fact]
    public void Presumed_abort_sends_no_abort_acks_and_forces_no_abort_record()
    {
        var sim = Simulator.Create(Aborting(3, Presumption.Abort));
        sim.RunToEnd();

        Assert.DoesNotContain(sim.Lines(), line => line.Contains("sends ack", StringComparison.Ordinal));
        Assert.DoesNotContain(sim.Lines(), line => line.Contains("logs abort (forced)", StringComparison.Ordinal));
        Assert.Contains(sim.Lines(), line => line.EndsWith("L logs abort", StringComparison.Ordinal));
    }

    /// <summary>
    /// Lesson 11's abort under presumed abort, with the lessons' network: P3 votes no and P2's yes
    /// arrives after L has decided, so L answers it with a fourth abort. 3 prepares + 3 votes + 4
    /// aborts = 10 messages and no acks; the only forced writes are P1's and P2's PREPARED. The same
    /// run without the presumption acknowledges every abort and forces L's, P1's and P2's ABORT.
    /// </summary>
    [Fact]
    public void Lesson_11s_abort_forces_only_the_yes_votes_and_is_not_acknowledged()
    {
        var scenario = ScenarioParser.ParseFile(Path.Combine(Scenarios.RepoFiles.LessonScenarios, "2pc-presumed-abort-votes-no.yaml"));
        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();
        var lines = sim.Lines().ToList();

        Assert.Equal(RunOutcome.Aborted, result.Outcome);
        Assert.Equal((10, 2), (result.Messages.Sent, result.ForcedWrites));
        Assert.Equal(4, lines.Count(line => line.Contains("L sends abort", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, line => line.Contains("sends ack", StringComparison.Ordinal));
        Assert.Equal(["t=26 P1 logs prepared (forced)", "t=32 P2 logs prepared (forced)"], lines.Where(line => line.EndsWith("(forced)", StringComparison.Ordinal)).ToArray());
        Assert.Contains("t=70 L logs abort", lines);

        var basic = Simulator.Create(scenario with { Presume = Presumption.Nothing }).RunToEnd();
        Assert.Equal((14, 5), (basic.Messages.Sent, basic.ForcedWrites));
    }

    [Fact]
    public void Presumed_commit_forces_collecting_before_any_prepare_and_participants_commit_lazily()
    {
        var sim = Simulator.Create(Runs.TwoPc(3) with { Presume = Presumption.Commit });
        sim.RunToEnd();
        var lines = sim.Lines().ToList();

        var collecting = lines.IndexOf("t=5 L logs collecting (forced)");
        Assert.True(collecting >= 0, string.Join("\n", lines));
        Assert.True(collecting < lines.FindIndex(line => line.Contains("L sends prepare", StringComparison.Ordinal)));
        Assert.Contains(lines, line => line.EndsWith("L logs commit (forced)", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(line => line.EndsWith("logs commit", StringComparison.Ordinal) && line.Contains(" P", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, line => line.Contains("sends ack", StringComparison.Ordinal));
    }

    /// <summary>
    /// k read-only participants of n leave after phase one: they cost 2 messages each and no forced
    /// write; the n - k others cost what a run of n - k would.
    /// </summary>
    [Theory]
    [InlineData(Presumption.Nothing, 3, new[] { "P2" }, 10, 5)]
    [InlineData(Presumption.Abort, 3, new[] { "P2" }, 10, 5)]
    [InlineData(Presumption.Commit, 3, new[] { "P2" }, 8, 4)]
    [InlineData(Presumption.Abort, 5, new[] { "P1", "P4" }, 16, 7)]
    [InlineData(Presumption.Commit, 5, new[] { "P1", "P4" }, 13, 5)]
    [InlineData(Presumption.Abort, 3, new[] { "P1", "P2", "P3" }, 6, 0)]
    [InlineData(Presumption.Commit, 3, new[] { "P1", "P2", "P3" }, 6, 1)]
    public void Read_only_participants_leave_after_phase_one(Presumption presume, int n, string[] readers, int messages, int forced)
    {
        var sim = Simulator.Create(Runs.TwoPc(n, seed: 3) with { Presume = presume, ReadOnly = [.. readers] });
        var result = sim.RunToEnd();

        Assert.Equal(RunOutcome.Committed, result.Outcome);
        Assert.Equal(messages, result.Messages.Sent);
        Assert.Equal(forced, result.ForcedWrites);
        Assert.Empty(result.Violations);
        foreach (var reader in readers)
        {
            var lines = sim.Lines().Where(line => line.Contains(' ' + reader + ' ', StringComparison.Ordinal)).ToList();
            Assert.Contains(lines, line => line.Contains($"{reader} sends vote-read-only", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains($"{reader} logs", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains($"{reader} receives commit", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Contains($"{reader} sends ack", StringComparison.Ordinal));
            Assert.Empty(sim.Snapshot().Node(reader).Locks);
            Assert.Equal(Phase.ReadOnly, sim.Snapshot().Node(reader).Phase);
        }
    }

    [Fact]
    public void A_read_only_participant_releases_its_lock_when_it_votes_not_at_the_end()
    {
        var sim = Simulator.Create(Runs.TwoPc(3) with { Presume = Presumption.Abort, ReadOnly = ["P2"] });
        sim.RunToEnd();
        var lines = sim.Lines().ToList();

        var unlock = lines.FindIndex(line => line.EndsWith("P2 unlocks T1", StringComparison.Ordinal));
        var vote = lines.FindIndex(line => line.Contains("P2 sends vote-read-only", StringComparison.Ordinal));
        var decision = lines.FindIndex(line => line.EndsWith("L decides commit", StringComparison.Ordinal));
        Assert.True(unlock >= 0 && unlock < vote && vote < decision, string.Join("\n", lines));
    }

    [Fact]
    public void Snapshots_count_messages_and_forced_writes_as_the_run_goes()
    {
        var sim = Simulator.Create(Runs.TwoPc(3, seed: 42) with { Presume = Presumption.Commit });

        sim.Step();
        Assert.Equal((5L, 0, 1), (sim.Tick, sim.Snapshot().MessagesSent, sim.Snapshot().ForcedWrites)); // COLLECTING is durable, no PREPARE sent yet
        sim.RunUntil(50);
        Assert.Equal((6, 4), (sim.Snapshot().MessagesSent, sim.Snapshot().ForcedWrites)); // three PREPAREs and votes, three PREPARED
        var result = sim.RunToEnd();
        Assert.Equal((result.Messages.Sent, result.ForcedWrites), (sim.Snapshot().MessagesSent, sim.Snapshot().ForcedWrites));
        Assert.Equal((9, 5), (result.Messages.Sent, result.ForcedWrites));
    }

    /// <summary>Fixed latency and instant forced writes, so every vote arrives in the same tick and the no-voter's comes last.</summary>
    private static Scenario Aborting(int n, Presumption presume) => Runs.TwoPc(n) with
    {
        Network = new NetworkSettings(10, 10, 0),
        ForcedWriteTicks = 0,
        Presume = presume,
        NoVoters = ImmutableHashSet.Create($"P{n}"),
    };
}
