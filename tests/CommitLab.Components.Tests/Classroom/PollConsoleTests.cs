using System.Collections.Immutable;
using CommitLab.Web.Classroom;
using CommitLab.Web.Components.Classroom;

namespace CommitLab.Components.Tests.Classroom;

public sealed class PollConsoleTests : MudTestContext
{
    private static readonly PollPreset Preset = new("What will P2 do now?", ["Commit", "Abort", "Wait"], 2);

    private static PollView Open(params int[] tally) =>
        new(7, "What will P2 do now?", ["Commit", "Abort", "Wait"], 2, PollStatus.Open, [.. tally], tally.Sum(), 120);

    [Fact]
    public void While_the_poll_is_open_the_console_shows_options_and_how_many_answered_but_no_counts()
    {
        var cut = Render<PollConsole>(p => p.Add(c => c.Current, Open(1, 0, 3)).Add(c => c.Watching, 9));

        Assert.Equal("4 of 9 answered", cut.Find("[data-testid=answered-count]").TextContent);
        Assert.Equal(["Commit", "Abort", "Wait"], cut.FindAll("[data-testid=poll-choices] li").Select(li => li.TextContent));
        Assert.Empty(cut.FindAll("[data-testid=poll-tally]"));
    }

    [Fact]
    public void Reveal_raises_reveal()
    {
        var revealed = 0;
        var cut = Render<PollConsole>(p => p.Add(c => c.Current, Open(1, 1, 1)).Add(c => c.Reveal, () => revealed++));

        cut.Find("[data-testid=reveal-poll]").Click();

        Assert.Equal(1, revealed);
    }

    [Fact]
    public void After_the_reveal_the_tally_and_play_on_replace_the_reveal_button()
    {
        var played = 0;
        var poll = Open(1, 0, 3) with { Status = PollStatus.Revealed };
        var cut = Render<PollConsole>(p => p.Add(c => c.Current, poll).Add(c => c.PlayOn, () => played++));

        Assert.Empty(cut.FindAll("[data-testid=reveal-poll]"));
        Assert.Contains("✓ right answer", cut.Find("[data-testid=poll-tally]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=play-on]").Click();
        Assert.Equal(1, played);
    }

    [Fact]
    public void Close_raises_close()
    {
        var closed = 0;
        var cut = Render<PollConsole>(p => p.Add(c => c.Current, Open(0, 0, 0)).Add(c => c.Close, () => closed++));

        cut.Find("[data-testid=close-poll]").Click();

        Assert.Equal(1, closed);
    }

    [Fact]
    public void Asking_a_ready_made_question_raises_ask_with_that_question()
    {
        PollPreset? asked = null;
        var cut = Render<PollConsole>(p => p.Add(c => c.Presets, [Preset]).Add(c => c.Ask, (PollPreset q) => asked = q));

        cut.Find("[data-testid=ask-preset]").Click();

        Assert.Same(Preset, asked);
        Assert.Equal("Ask: What will P2 do now?", cut.Find("[data-testid=ask-preset]").GetAttribute("aria-label"));
    }

    [Fact]
    public void A_typed_question_is_asked_with_only_the_filled_answers_and_the_ticked_one_as_right()
    {
        PollPreset? asked = null;
        var cut = Render<PollConsole>(p => p.Add(c => c.Ask, (PollPreset q) => asked = q));

        cut.Find("[data-testid=draft-question]").Change("Who blocks?");
        cut.FindAll("[data-testid=draft-option]")[0].Change("P1");
        cut.FindAll("[data-testid=draft-option]")[2].Change("P2");
        cut.FindAll("input[type=radio]")[2].Change(true);
        cut.Find("[data-testid=ask-draft]").Click();

        Assert.NotNull(asked);
        Assert.Equal("Who blocks?", asked.Question);
        Assert.Equal(["P1", "P2"], asked.Options.ToArray());
        Assert.Equal(1, asked.Correct);
    }

    [Fact]
    public void A_refusal_is_shown_as_an_alert()
    {
        var cut = Render<PollConsole>(p => p.Add(c => c.Error, "Only the instructor can ask."));

        Assert.Equal("Only the instructor can ask.", cut.Find("[role=alert][data-testid=poll-error]").TextContent);
    }
}
