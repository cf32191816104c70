using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;
using CommitLab.Web.Lab.Narration;

namespace CommitLab.Web.Tests.Lab.Narration;

public sealed class NarratorTests
{
    private static IReadOnlyList<NarrationLine> All(Trace trace, ProtocolKind protocol) =>
        Narrator.Recent(trace, protocol, trace.Count, int.MaxValue);

    private static NarrationLine Single(IReadOnlyList<NarrationLine> lines, Func<NarrationLine, bool> which, string what)
    {
        var found = lines.Where(which).ToList();
        Assert.True(found.Count == 1, $"expected one line {what}, found {found.Count}:\n{string.Join("\n", lines.Select(l => l.Text))}");
        return found[0];
    }

    [Fact]
    public void Fault_free_2pc_explains_the_forced_prepared_write_and_the_commit_decision()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.TwoPhase);
        var lines = All(trace, ProtocolKind.TwoPhase);

        // Each participant's promise: PREPARED is durable before the YES, and binds it from then on.
        foreach (var p in new[] { "P1", "P2", "P3" })
        {
            var prepared = Single(lines, l => l.Text.StartsWith($"{p} force-writes PREPARED", StringComparison.Ordinal), $"about {p}'s PREPARED");
            Assert.Equal(NarrationTone.Important, prepared.Tone);
            Assert.Contains("before voting YES", prepared.Text, StringComparison.Ordinal);
            Assert.Contains("may not abort on its own", prepared.Text, StringComparison.Ordinal);
            Assert.Contains("even after a crash", prepared.Text, StringComparison.Ordinal);
        }

        // L's decision is durable before anyone hears it, and it is taken because everyone voted yes.
        var forced = Single(lines, l => l.Text.StartsWith("L force-writes COMMIT", StringComparison.Ordinal), "about L's forced COMMIT");
        Assert.Equal(NarrationTone.Important, forced.Tone);
        Assert.Contains("before telling anyone", forced.Text, StringComparison.Ordinal);
        Assert.Contains("cannot undo", forced.Text, StringComparison.Ordinal);

        var decision = Single(lines, l => l.Text.StartsWith("L decides COMMIT", StringComparison.Ordinal), "about L's decision");
        Assert.Equal(NarrationTone.Good, decision.Tone);
        Assert.Contains("all 3 participants voted YES", decision.Text, StringComparison.Ordinal);
        Assert.True(forced.TraceIndex < decision.TraceIndex, "the forced write is told before the decision, as it happens");

        Assert.Contains(lines, l => l.Text.Contains("writes END", StringComparison.Ordinal) && l.Tone == NarrationTone.Good);
        Assert.DoesNotContain(lines, l => l.Tone is NarrationTone.Fault or NarrationTone.Danger);
    }

    [Fact]
    public void A_broadcast_is_one_line_naming_every_receiver()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.TwoPhase);
        var lines = All(trace, ProtocolKind.TwoPhase);

        var prepare = Single(lines, l => l.Text.StartsWith("L sends PREPARE", StringComparison.Ordinal), "about the PREPAREs");
        Assert.Contains("P1, P2 and P3", prepare.Text, StringComparison.Ordinal);
        Assert.Equal(0, prepare.TraceIndex);
        Assert.Contains(lines, l => l.Text.Contains("hold locks on T1", StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(l => l.Text.Contains("releases its lock on T1", StringComparison.Ordinal)));
    }

    [Fact]
    public void Leader_crash_after_commit_leaves_the_participants_blocked_holding_their_locks()
    {
        var (scenario, trace) = LessonRuns.Lesson("2pc-leader-crash-after-commit.yaml");
        var lines = All(trace, scenario.Protocol);

        Assert.Contains(lines, l => l.Tone == NarrationTone.Fault && l.Text.Contains("crash L", StringComparison.Ordinal) && l.Text.Contains("when L logs commit", StringComparison.Ordinal));
        var crash = Single(lines, l => l.Text.StartsWith("L crashes", StringComparison.Ordinal), "about L's crash");
        Assert.Contains("after logging COMMIT, before anyone heard it", crash.Text, StringComparison.Ordinal);
        Assert.Contains("P1, P2 and P3", crash.Text, StringComparison.Ordinal);
        Assert.Contains("uncertain", crash.Text, StringComparison.Ordinal);
        Assert.Contains("blocked, holding their locks", crash.Text, StringComparison.Ordinal);

        // Asking again later: still blocked, still holding the lock.
        // Asked again and again: told once, with how often (the repeats would push the crash out of view).
        Assert.Contains(lines, l => l.Text.StartsWith("P1 is still uncertain after ", StringComparison.Ordinal) && l.Text.Contains(": it is blocked, still holding its lock on T1", StringComparison.Ordinal) && l.Text.EndsWith("times so far).", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("P1 has been uncertain for 300 ms without hearing the outcome, so it asks L, P2 and P3", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("P1's request for the outcome to L is lost: L is down", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Text.Contains(" decides ", StringComparison.Ordinal) && !l.Text.StartsWith('L'));
    }

    [Fact]
    public void Partitioned_3pc_with_a_timeout_detector_names_the_two_sides_that_disagree()
    {
        var (scenario, trace) = LessonRuns.Lesson("3pc-partition-timeout-detector.yaml");
        var lines = All(trace, scenario.Protocol);

        var danger = lines.Where(l => l.Tone == NarrationTone.Danger).ToList();
        Assert.NotEmpty(danger);
        var first = danger[0];
        Assert.Contains("Atomicity is broken", first.Text, StringComparison.Ordinal);
        Assert.Contains("P2 decided ABORT", first.Text, StringComparison.Ordinal);
        Assert.Contains("L and P1 decided COMMIT", first.Text, StringComparison.Ordinal);
        Assert.Contains("wrong", first.Text, StringComparison.Ordinal);
        Assert.Contains(danger, l => l.Text.Contains("P3 decided ABORT", StringComparison.Ordinal));

        // The causes are told on the way: a wrong suspicion, L committing without P2 and P3, P2 taking over.
        Assert.Contains(lines, l => l.Text.StartsWith("P2 and P3 now suspect L, but L is still running: a partition separates them", StringComparison.Ordinal)
            && l.Text.Contains("cannot tell silence from a crash", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("L decides COMMIT although P2 and P3 never acknowledged PRE-COMMIT", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("P2 takes over as coordinator of the termination protocol", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("P2, collecting states as the new coordinator, learns that P3 is uncertain", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.Contains("The network splits: L and P1 on one side, P2 and P3 on the other", StringComparison.Ordinal));
    }

    [Fact]
    public void Pre_commit_is_explained_in_3pc()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.ThreePhase);
        var lines = All(trace, ProtocolKind.ThreePhase);

        Assert.Contains(lines, l => l.Text.StartsWith("Every participant voted YES. L force-writes PRE-COMMIT", StringComparison.Ordinal));
        var p1 = Single(lines, l => l.Text.StartsWith("P1 force-writes PRE-COMMIT", StringComparison.Ordinal), "about P1's PRE-COMMIT");
        Assert.Contains("nobody can have aborted", p1.Text, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Text.StartsWith("L decides COMMIT: every participant acknowledged PRE-COMMIT", StringComparison.Ordinal));
    }

    [Fact]
    public void A_dropped_message_says_which_message_and_why()
    {
        var (scenario, trace) = LessonRuns.Lesson("2pc-cooperative-termination-aborts.yaml");
        var lines = All(trace, scenario.Protocol);

        var drop = Single(lines, l => l.Text.StartsWith("L's PREPARE to P2 is lost", StringComparison.Ordinal), "about the dropped PREPARE");
        Assert.Equal(NarrationTone.Fault, drop.Tone);
        Assert.Contains("a fault dropped it", drop.Text, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Text == "Fault at 0 ms, triggered when L sends prepare to P2: drop that message.");

        // Cooperative termination: P2 never voted, so a peer's question makes it abort, and that settles it.
        Assert.Contains(lines, l => l.Text.StartsWith("P2 had not voted yet when a peer asked about the outcome", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("P1 decides ABORT, having learned the outcome from P2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_cut_link_drop_is_told_with_its_reason()
    {
        var trace = LessonRuns.WithFaults(ProtocolKind.TwoPhase, LessonRuns.When("L logs commit", "cut L-P2"));
        var lines = All(trace, ProtocolKind.TwoPhase);

        Assert.Contains(lines, l => l.Text.StartsWith("The link between L and P2 is cut both ways", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.Contains("The one to P2 is lost at once: the link is cut.", StringComparison.Ordinal));
    }

    [Fact]
    public void Recent_returns_at_most_max_lines_newest_last()
    {
        var (scenario, trace) = LessonRuns.Lesson("2pc-leader-crash-after-commit.yaml");
        var all = All(trace, scenario.Protocol);
        Assert.True(all.Count > 20, "a blocked run tells a long story");

        var recent = Narrator.Recent(trace, scenario.Protocol, trace.Count, 5);
        Assert.Equal(5, recent.Count);
        Assert.Equal(all.TakeLast(5), recent);
        Assert.True(recent.Zip(recent.Skip(1)).All(pair => pair.First.TraceIndex < pair.Second.TraceIndex), "oldest first, newest last");

        Assert.Empty(Narrator.Recent(trace, scenario.Protocol, trace.Count, 0));
        Assert.Empty(Narrator.Recent(trace, scenario.Protocol, 0, 5));
        Assert.Equal(recent, Narrator.Recent(trace, scenario.Protocol, trace.Count + 100, 5));
        Assert.Single(Narrator.Recent(trace, scenario.Protocol, 1, 5));
    }

    [Fact]
    public void Recent_never_tells_about_entries_at_or_after_the_position()
    {
        var (scenario, trace) = LessonRuns.Lesson("3pc-partition-timeout-detector.yaml");
        for (var upTo = 0; upTo <= trace.Count; upTo += 7)
        {
            var lines = Narrator.Recent(trace, scenario.Protocol, upTo, 4);
            Assert.True(lines.Count <= 4);
            Assert.All(lines, l => Assert.True(l.TraceIndex < upTo));
        }

        // Mid-broadcast the send line names only the receivers sent to so far.
        var first = Assert.Single(Narrator.Recent(trace, scenario.Protocol, 1, 10));
        Assert.Equal("L asks P1 CAN-COMMIT?, the first of 3PC's three rounds.", first.Text);
    }

    [Fact]
    public void Describe_agrees_with_Recent_for_every_entry()
    {
        var (scenario, trace) = LessonRuns.Lesson("3pc-leader-crash-after-one-precommit.yaml");
        var lines = All(trace, scenario.Protocol).ToDictionary(l => l.TraceIndex);
        foreach (var e in trace.Events)
        {
            var described = Narrator.Describe(trace, e, scenario.Protocol);
            if (lines.TryGetValue(e.Index, out var told))
            {
                Assert.Equal(told, described);
                Assert.Equal(e.Tick, described!.Tick);
            }
            else
            {
                Assert.Null(described);
            }
        }
    }

    [Theory]
    [InlineData("2pc-happy-path.yaml")]
    [InlineData("2pc-leader-crash-then-recover.yaml")]
    [InlineData("2pc-outcome-log.yaml")]
    [InlineData("2pc-participant-recovers.yaml")]
    [InlineData("2pc-participant-votes-no.yaml")]
    [InlineData("3pc-leader-crash-before-precommit.yaml")]
    [InlineData("3pc-partition-perfect-detector.yaml")]
    public void Every_lesson_is_told_in_plain_text(string file)
    {
        var (scenario, trace) = LessonRuns.Lesson(file);
        var lines = All(trace, scenario.Protocol);

        Assert.NotEmpty(lines);
        Assert.All(lines, l =>
        {
            Assert.False(string.IsNullOrWhiteSpace(l.Text));
            Assert.DoesNotContain('<', l.Text);
            Assert.DoesNotContain('>', l.Text);
            Assert.DoesNotContain("t=", l.Text, StringComparison.Ordinal);
            Assert.True(char.IsUpper(l.Text[0]), l.Text);
            Assert.EndsWith(".", l.Text, StringComparison.Ordinal);
            Assert.Equal(trace.Events[l.TraceIndex].Tick, l.Tick);
        });
    }

    [Fact]
    public void Recovery_reads_the_log()
    {
        var (scenario, trace) = LessonRuns.Lesson("2pc-leader-crash-then-recover.yaml");
        var lines = All(trace, scenario.Protocol);

        Assert.Contains(lines, l => l.Text.StartsWith("L recovers and finds COMMIT in its log", StringComparison.Ordinal) && l.Tone == NarrationTone.Important);
        Assert.Contains(lines, l => l.Text == "L decides COMMIT: the decision it logged before crashing stands.");

        var (s2, t2) = LessonRuns.Lesson("2pc-participant-recovers.yaml");
        Assert.Contains(All(t2, s2.Protocol), l => l.Text.StartsWith("P2 recovers and finds PREPARED but no outcome in its log", StringComparison.Ordinal));
    }

    [Fact]
    public void Outcome_log_and_no_votes_are_explained()
    {
        var (s1, t1) = LessonRuns.Lesson("2pc-outcome-log.yaml");
        var log = All(t1, s1.Protocol);
        Assert.Contains(log, l => l.Text.StartsWith("L records its decision, COMMIT, at LOG before telling any participant", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Text.StartsWith("LOG force-writes COMMIT", StringComparison.Ordinal));
        Assert.Contains(log, l => l.Text == "P1 learns from LOG that the outcome is COMMIT.");

        var (s2, t2) = LessonRuns.Lesson("2pc-participant-votes-no.yaml");
        var no = All(t2, s2.Protocol);
        Assert.Contains(no, l => l.Text.StartsWith("P2 cannot commit, so it decides ABORT on its own and will vote NO", StringComparison.Ordinal));
        Assert.Contains(no, l => l.Text == "L decides ABORT: a participant voted NO, and one NO is enough.");
    }

    [Fact]
    public void A_freeze_and_a_wrong_suspicion_are_told()
    {
        var trace = LessonRuns.WithFaults(ProtocolKind.ThreePhase, LessonRuns.When("L logs precommit", "freeze L for 400"));
        var lines = All(trace, ProtocolKind.ThreePhase);

        Assert.Contains(lines, l => l.Text.StartsWith("L freezes until", StringComparison.Ordinal) && l.Tone == NarrationTone.Fault);
        Assert.Contains(lines, l => l.Text.Contains("now suspect L, but L is still running: L is frozen", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Text.StartsWith("L resumes", StringComparison.Ordinal));
    }
}
