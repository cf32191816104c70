using CommitLab.Web.Classroom;
using CommitLab.Web.Components.Classroom;

namespace CommitLab.Components.Tests.Classroom;

public sealed class PollTallyTests : MudTestContext
{
    private static readonly PollView Poll = new(1, "Outcome?", ["Commit", "Abort"], 1, PollStatus.Revealed, [1, 3], 4, 0);

    [Fact]
    public void Each_answer_shows_its_count_and_share_in_words()
    {
        var cut = Render<PollTally>(p => p.Add(c => c.Poll, Poll));

        Assert.Equal(["1 (25%)", "3 (75%)"], cut.FindAll("[data-testid=tally-count]").Select(c => c.TextContent));
        Assert.Equal("width: 75%", cut.FindAll(".fill")[1].GetAttribute("style"));
    }

    [Fact]
    public void The_right_answer_is_marked_only_when_asked_to()
    {
        var hidden = Render<PollTally>(p => p.Add(c => c.Poll, Poll));
        var shown = Render<PollTally>(p => p.Add(c => c.Poll, Poll).Add(c => c.ShowCorrect, true));

        Assert.DoesNotContain("right answer", hidden.Markup, StringComparison.Ordinal);
        Assert.Equal("Abort ✓ right answer", shown.FindAll(".option-text")[1].TextContent);
    }
}
