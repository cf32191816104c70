using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;
using CommitLab.Web.Lab.Narration;

namespace CommitLab.Web.Tests.Lab.Narration;

/// <summary>The narration of the 2PC variants says what their logs and votes really do.</summary>
public sealed class CommitVariantNarrationTests
{
    private static IReadOnlyList<NarrationLine> All(Trace trace) =>
        Narrator.Recent(trace, ProtocolKind.TwoPhase, trace.Count, int.MaxValue);

    [Fact]
    public void Presumed_abort_narrates_a_lazy_abort_not_a_forced_one()
    {
        var (_, trace) = LessonRuns.Lesson("2pc-presumed-abort.yaml");
        var aborting = LessonRuns.Run(LessonRuns.Lesson("2pc-presumed-abort.yaml").Scenario with { NoVoters = ["P3"] });
        var lines = All(aborting);

        Assert.Contains(lines, l => l.Text.StartsWith("L writes ABORT lazily", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Text.StartsWith("L force-writes ABORT", StringComparison.Ordinal));
        Assert.Contains(All(trace), l => l.Text.StartsWith("L force-writes COMMIT", StringComparison.Ordinal));
    }

    [Fact]
    public void Presumed_commit_narrates_the_collecting_record_before_any_prepare()
    {
        var (_, trace) = LessonRuns.Lesson("2pc-presumed-commit.yaml");
        var lines = All(trace);

        var collecting = lines.Single(l => l.Text.StartsWith("L force-writes COLLECTING", StringComparison.Ordinal));
        var prepare = lines.First(l => l.Text.StartsWith("L sends PREPARE", StringComparison.Ordinal));
        Assert.True(collecting.TraceIndex < prepare.TraceIndex);
        Assert.Equal(NarrationTone.Important, collecting.Tone);
    }

    [Fact]
    public void A_read_only_vote_is_named_as_such()
    {
        var (_, trace) = LessonRuns.Lesson("2pc-read-only-participant.yaml");
        var lines = All(trace);

        Assert.Contains(lines, l => l.Text.Contains("READ-ONLY vote", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Text.Contains("VoteReadOnly", StringComparison.Ordinal) || l.Text.Contains("vote-read-only", StringComparison.Ordinal));
    }
}
