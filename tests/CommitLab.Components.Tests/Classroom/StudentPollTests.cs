using CommitLab.Web.Classroom;
using CommitLab.Web.Components.Classroom;

namespace CommitLab.Components.Tests.Classroom;

public sealed class StudentPollTests : MudTestContext
{
    private static readonly PollView Open = new(3, "Who decides?", ["L", "P1", "Nobody"], null, PollStatus.Open, [], 0, 50);

    private static readonly PollView Revealed = new(3, "Who decides?", ["L", "P1", "Nobody"], 0, PollStatus.Revealed, [2, 1, 1], 4, 50);

    [Fact]
    public void Clicking_an_answer_raises_answer_with_its_position()
    {
        int? answered = null;
        var cut = Render<StudentPoll>(p => p.Add(c => c.Poll, Open).Add(c => c.Answer, (int i) => answered = i));

        cut.FindAll("[data-testid=poll-option]")[2].Click();

        Assert.Equal(2, answered);
    }

    [Fact]
    public void The_chosen_answer_is_pressed_and_named_in_the_hint()
    {
        var cut = Render<StudentPoll>(p => p.Add(c => c.Poll, Open).Add(c => c.Mine, 1));

        Assert.Equal(["false", "true", "false"], cut.FindAll("[data-testid=poll-option]").Select(b => b.GetAttribute("aria-pressed")));
        Assert.StartsWith("Your answer: P1.", cut.Find("[data-testid=poll-state]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void After_the_reveal_a_right_pick_is_told_so()
    {
        var cut = Render<StudentPoll>(p => p.Add(c => c.Poll, Revealed).Add(c => c.Mine, 0));

        Assert.Empty(cut.FindAll("[data-testid=poll-option]"));
        Assert.Equal("You got it.", cut.Find("[data-testid=poll-verdict]").TextContent);
    }

    [Fact]
    public void After_the_reveal_a_wrong_pick_is_told_the_answer()
    {
        var cut = Render<StudentPoll>(p => p.Add(c => c.Poll, Revealed).Add(c => c.Mine, 2));

        Assert.Equal("Not this time: the answer was \"L\".", cut.Find("[data-testid=poll-verdict]").TextContent);
        Assert.Contains("Nobody (your answer)", cut.Markup, StringComparison.Ordinal);
    }
}
