using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Services;

namespace CommitLab.Web.Tests.Services;

public sealed class QuickRunResultTests
{
    [Fact]
    public void Summary_names_the_outcome_messages_and_ticks()
    {
        var result = new QuickRunResult(ProtocolKind.TwoPhase, 3, RunOutcome.Committed, 12, 131);

        Assert.Equal("committed — 12 messages, 131 ticks", result.Summary);
    }

    [Fact]
    public void Summary_uses_the_singular_for_one()
    {
        var result = new QuickRunResult(ProtocolKind.TwoPhase, 1, RunOutcome.Aborted, 1, 1);

        Assert.Equal("aborted — 1 message, 1 tick", result.Summary);
    }

    [Theory]
    [InlineData(RunOutcome.Committed, "committed")]
    [InlineData(RunOutcome.Aborted, "aborted")]
    [InlineData(RunOutcome.Blocked, "blocked")]
    [InlineData(RunOutcome.Violation, "violation")]
    [InlineData(RunOutcome.Undecided, "undecided")]
    public void Outcome_text_is_spelled_as_scenario_files_spell_it(RunOutcome outcome, string text)
    {
        var result = new QuickRunResult(ProtocolKind.ThreePhase, 2, outcome, 0, 0);

        Assert.Equal(text, result.OutcomeText);
    }

    [Fact]
    public void Explanation_derives_the_count_for_2pc()
    {
        var result = new QuickRunResult(ProtocolKind.TwoPhase, 3, RunOutcome.Committed, 12, 131);

        Assert.Equal(
            "Without faults 2PC exchanges 4 messages with each of the 3 participants (prepare, vote, decision, ack): 4 × 3 = 12.",
            result.Explanation);
    }

    [Fact]
    public void Explanation_derives_the_count_for_3pc()
    {
        var result = new QuickRunResult(ProtocolKind.ThreePhase, 1, RunOutcome.Committed, 6, 200);

        Assert.Equal(
            "Without faults 3PC exchanges 6 messages with the participant (can-commit, vote, pre-commit, ack, do-commit, ack): 6 × 1 = 6.",
            result.Explanation);
    }
}
