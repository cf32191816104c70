using CommitLab.Web.Classroom;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>The "type your own question" form: empty slots are skipped and the ticked answer follows its text.</summary>
public sealed class PollDraftTests
{
    [Fact]
    public void Empty_slots_are_skipped_and_the_ticked_answer_keeps_pointing_at_its_text()
    {
        var draft = new PollDraft { Question = "Who decides?", Correct = 3 };
        draft.Options[0] = "L";
        draft.Options[2] = "   ";
        draft.Options[3] = "Nobody";
        draft.Options[5] = "P1";

        var (options, correct) = draft.Filled();

        Assert.Equal(["L", "Nobody", "P1"], options);
        Assert.Equal(1, correct);
        Assert.Equal("Nobody", options[correct!.Value]);
    }

    [Fact]
    public void Ticking_an_empty_slot_means_no_right_answer()
    {
        var draft = new PollDraft { Correct = 1 };
        draft.Options[0] = "a";
        draft.Options[2] = "b";

        Assert.Null(draft.Filled().Correct);
    }

    [Fact]
    public void An_opinion_poll_has_no_right_answer()
    {
        var draft = new PollDraft();
        draft.Options[0] = "a";
        draft.Options[1] = "b";

        var (options, correct) = draft.Filled();

        Assert.Equal(["a", "b"], options);
        Assert.Null(correct);
    }

    [Fact]
    public void The_first_slot_ticked_maps_to_the_first_answer()
    {
        var draft = new PollDraft { Correct = 0 };
        draft.Options[0] = "a";
        draft.Options[4] = "b";

        Assert.Equal(0, draft.Filled().Correct);
    }

    [Fact]
    public void Clear_empties_the_form_for_the_next_question()
    {
        var draft = new PollDraft { Question = "Q?", Correct = 1 };
        draft.Options[1] = "x";

        draft.Clear();

        Assert.Equal("", draft.Question);
        Assert.Null(draft.Correct);
        Assert.All(draft.Options, o => Assert.Equal("", o));
        Assert.Equal(PollDraft.Slots, draft.Options.Length);
        Assert.Empty(draft.Filled().Options);
    }
}
