using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;
using CommitLab.Web.Lab.Narration;
using CommitLab.Web.Lab.Network;
using CommitLab.Web.Lab.SpaceTime;

namespace CommitLab.Web.Tests.Lab.Narration;

/// <summary>The Lab tells and draws a Paxos Commit run: votes to acceptors, ballots, who decides and why.</summary>
public sealed class PaxosCommitNarrationTests
{
    private static IReadOnlyList<NarrationLine> All(Trace trace) =>
        Narrator.Recent(trace, ProtocolKind.PaxosCommit, trace.Count, int.MaxValue);

    [Fact]
    public void Votes_go_to_the_acceptors_and_L_commits_once_a_majority_holds_each()
    {
        var (_, trace) = LessonRuns.Lesson("paxos-commit-happy-path.yaml");
        var lines = All(trace).Select(l => l.Text).ToList();

        Assert.Contains("P1 votes PREPARED by sending it to the acceptors A1, A2 and A3, not to L (phase 2a of ballot 0): its vote counts once a majority of them has accepted it.", lines);
        Assert.Contains(lines, l => l.StartsWith("L decides COMMIT: for every participant a majority of acceptors has accepted PREPARED", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("phase-2", StringComparison.Ordinal) || l.Contains("READ-ONLY", StringComparison.Ordinal));
    }

    [Fact]
    public void When_L_is_gone_a_participant_leads_a_ballot_and_says_so()
    {
        var (_, trace) = LessonRuns.Lesson("paxos-commit-leader-crash.yaml");
        var lines = All(trace).Select(l => l.Text).ToList();

        Assert.Contains(lines, l => l.StartsWith("P1 has waited long enough for the outcome: instead of asking L", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("P1 leads ballot 5: it asks A1, A2 and A3 to promise that ballot for the votes of P1, P2 and P3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("A majority has promised ballot 5, so P1 proposes PREPARED for P3's vote", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("P1 decides COMMIT: its own ballot finished", StringComparison.Ordinal));
        Assert.Contains("P1 tells L, P2 and P3 the outcome its ballot found: COMMIT.", lines);
    }

    /// <summary>
    /// A recovered acceptor is told as one that kept its log and takes part again, with the majority it
    /// restores; while a question is open only the recovery itself is said.
    /// </summary>
    [Fact]
    public void A_recovered_acceptor_is_told_as_rejoining_with_what_it_accepted()
    {
        var (_, trace) = LessonRuns.Lesson("paxos-commit-acceptor-recovers.yaml");
        var lines = All(trace);

        var recovery = lines.Single(l => l.Text.StartsWith("A2 recovers", StringComparison.Ordinal));
        Assert.Equal(1000, recovery.Tick);
        Assert.Equal("A2 recovers with its log.", recovery.Fact);
        Assert.Contains("comes back holding exactly those, answers ballots again and keeps its promises; 2 of 3 acceptors are up, a majority, so votes can be chosen again.", recovery.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Text.Contains("A2 recovers and finds no PREPARED", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("A3 crashes: what it accepted is on its disk, but while it is down it answers nobody; only 1 of 3 acceptors is up", StringComparison.Ordinal));
    }

    [Fact]
    public void Crashes_are_told_in_terms_of_acceptors_and_majorities()
    {
        var (_, crash) = LessonRuns.Lesson("paxos-commit-leader-crash.yaml");
        var (_, majority) = LessonRuns.Lesson("paxos-commit-majority-down.yaml");
        var crashLines = All(crash);
        var majorityLines = All(majority).Select(l => l.Text).ToList();

        var lCrash = crashLines.Single(l => l.Text.StartsWith("L crashes", StringComparison.Ordinal));
        Assert.Equal("L crashes. P1, P2 and P3 have voted and are uncertain.", lCrash.Fact);
        Assert.Contains("a majority of them (2 of 3) is what holds each vote", lCrash.Text, StringComparison.Ordinal);
        Assert.Contains(majorityLines, l => l.StartsWith("A2 crashes: what it accepted is on its disk, but while it is down it answers nobody; 2 of 3 acceptors are still up", StringComparison.Ordinal));
        Assert.Contains(majorityLines, l => l.StartsWith("A3 crashes: what it accepted is on its disk, but while it is down it answers nobody; only 1 of 3 acceptors is up, fewer than the 2 a majority needs", StringComparison.Ordinal));
        Assert.DoesNotContain(majorityLines, l => l.Contains("of 6", StringComparison.Ordinal) || l.Contains("A1, A2 and A3, which have not voted", StringComparison.Ordinal));

        var (_, single) = LessonRuns.Lesson("paxos-commit-f0-abort-written.yaml");
        var singleLines = All(single).Select(l => l.Text).ToList();
        Assert.Contains("P3 crashes: what it held in memory is gone, including its lock, but its log survives. It never voted, so PREPARED can never be chosen for its vote: whoever leads the next ballot will propose ABORTED for it.", singleLines);
        Assert.Contains(singleLines, l => l.StartsWith("P1 votes PREPARED by sending it to the acceptor A1, not to L", StringComparison.Ordinal));
        Assert.Contains(singleLines, l => l.StartsWith("A majority has promised ballot 5, so P1 proposes ABORTED for P3's vote to A1: no acceptor in that majority had accepted a value", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_paxos_message_has_a_label_on_the_network_and_the_diagram()
    {
        foreach (var kind in new[] { MessageKind.Phase1a, MessageKind.Phase1b, MessageKind.Phase2a, MessageKind.Phase2b })
        {
            Assert.DoesNotContain(kind.ToString().ToUpperInvariant(), MessageStyle.Label(kind, Outcome.Commit), StringComparison.Ordinal);
            Assert.NotEqual(MessageShape.Question, MessageStyle.Shape(kind));
            Assert.NotEqual(Names.Of(kind), MessageLabels.ShortLabel(kind, Outcome.Commit, Phase.Working));
        }

        Assert.Equal("msg-no", MessageStyle.Family(MessageKind.Phase2a, Outcome.Abort));
        Assert.Equal("PHASE-2B(PREPARED)", MessageLabels.Label(MessageKind.Phase2b, Outcome.Commit, Phase.Working));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Acceptors_sit_between_L_and_the_participants_without_touching_anyone(int acceptors)
    {
        var names = new List<string> { "L" };
        names.AddRange(Enumerable.Range(1, 9).Select(i => $"P{i}"));
        names.AddRange(Enumerable.Range(1, acceptors).Select(i => $"A{i}"));
        var at = NetworkLayout.Compute(names);

        foreach (var a in names.Where(NetworkLayout.IsAcceptor))
        {
            Assert.True(at[a].Y > at["L"].Y + (2 * NetworkLayout.NodeRadius), $"{a} at {at[a]} is not below L");
            foreach (var other in names.Where(n => n != a))
            {
                var distance = Math.Sqrt(Math.Pow(at[a].X - at[other].X, 2) + Math.Pow(at[a].Y - at[other].Y, 2));
                Assert.True(distance > (2 * NetworkLayout.NodeRadius) + 8, $"{a} at {at[a]} overlaps {other} at {at[other]}");
            }

            Assert.InRange(at[a].X, NetworkLayout.NodeRadius, NetworkLayout.Width - NetworkLayout.NodeRadius);
        }
    }
}
