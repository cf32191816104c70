using System.Collections.Immutable;
using CommitLab.Web.Lessons;

namespace CommitLab.Web.Tests.Lessons;

/// <summary>A question may be tried three times; a prediction counts at once.</summary>
public sealed class QuizAttemptsTests
{
    private static QuizBlock Quiz(bool prediction, int options = 4) => new(
        1, "q1", "How many?", prediction,
        [.. Enumerable.Range(0, options).Select(i => new QuizOption($"option {i}", i == options - 1))],
        "Because.", prediction ? 1 : null, prediction ? 10 : null);

    [Fact]
    public void Two_wrong_tries_are_struck_out_with_a_nudge_and_the_third_counts_whatever_it_is()
    {
        var attempts = new QuizAttempts(Quiz(prediction: false));

        Assert.False(attempts.Try(0));
        Assert.Equal("Not quite. Think again: 2 more tries.", attempts.Nudge);
        Assert.True(attempts.Tried(0));
        Assert.False(attempts.Try(1));
        Assert.Equal("Not quite. Think again: one more try.", attempts.Nudge);
        Assert.True(attempts.Try(2));
        Assert.Null(attempts.Nudge);
    }

    [Fact]
    public void A_right_answer_counts_at_once()
    {
        var attempts = new QuizAttempts(Quiz(prediction: false));

        Assert.False(attempts.Try(1));
        Assert.True(attempts.Try(3));
        Assert.False(attempts.Tried(3));
    }

    [Fact]
    public void A_prediction_counts_on_the_first_try_even_when_wrong()
    {
        Assert.True(new QuizAttempts(Quiz(prediction: true)).Try(0));
    }

    [Fact]
    public void With_three_options_one_wrong_try_leaves_a_single_choice_which_is_not_a_question_any_more()
    {
        // After striking out one of three, only two are left; after a second wrong try only the
        // right one would remain, so the second wrong try counts instead of giving the answer away.
        var attempts = new QuizAttempts(Quiz(prediction: false, options: 3));

        Assert.False(attempts.Try(0));
        Assert.Equal("Not quite. Think again: one more try.", attempts.Nudge);
        Assert.True(attempts.Try(1));
    }
}
