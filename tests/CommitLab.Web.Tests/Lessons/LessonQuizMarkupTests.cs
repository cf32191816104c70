using System.Collections.Immutable;
using CommitLab.Web.Components.Lessons;
using CommitLab.Web.Lessons;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lessons;

/// <summary>The quiz block as a student first sees it, after a right answer, after a wrong one, and a prediction waiting for its lab.</summary>
public sealed class LessonQuizMarkupTests
{
    private static readonly QuizBlock Choice = new(
        10,
        "q1",
        "What does one NO vote make the leader decide?",
        Prediction: false,
        [new QuizOption("Commit", false), new QuizOption("Abort", true), new QuizOption("Wait", false)],
        "One refusal is enough: the leader aborts everywhere.",
        Lab: null,
        PauseAt: null);

    private static readonly QuizBlock Prediction = Choice with { Id = "q2", Prediction = true, Lab = 1, PauseAt = 75 };

    [Fact]
    public async Task Unanswered_quiz_shows_the_options_and_a_disabled_check_button_but_not_the_explanation()
    {
        var html = await Render(Choice, answered: null);

        Assert.Contains("What does one NO vote make the leader decide?", html, StringComparison.Ordinal);
        Assert.Equal(3, Count(html, "type=\"radio\""));
        Assert.Matches(@"<button[^>]*\bdisabled\b[^>]*><span class=""mud-button-label"">Check</span></button>", html);
        Assert.DoesNotContain("One refusal is enough", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<fieldset disabled", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_right_answer_says_so_marks_the_option_and_explains()
    {
        var html = await Render(Choice, answered: 1);

        Assert.Contains("Right.", html, StringComparison.Ordinal);
        Assert.Contains("class=\"quiz-option right", html, StringComparison.Ordinal);
        Assert.Contains("One refusal is enough", html, StringComparison.Ordinal);
        Assert.Contains("<fieldset disabled", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"check-q1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_answer_names_the_right_one_in_words()
    {
        var html = await Render(Choice, answered: 0);

        Assert.Contains("Not quite: the answer is “Abort”.", html, StringComparison.Ordinal);
        Assert.Contains("quiz-option  wrong", html, StringComparison.Ordinal);
        Assert.Contains("✗", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prediction_waits_for_its_lab_and_says_when_it_will_stop()
    {
        var html = await Render(Prediction, answered: null, available: false);

        Assert.Contains("play Lab 1 above. It stops at 75 ms", html, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"radio\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answered_prediction_says_whether_it_matched()
    {
        var matched = await Render(Prediction, answered: 1);
        var missed = await Render(Prediction, answered: 2);

        Assert.Contains("Predict: What does one NO vote", matched, StringComparison.Ordinal);
        Assert.Contains("Your prediction matched", matched, StringComparison.Ordinal);
        Assert.Contains("Your prediction did not match", missed, StringComparison.Ordinal);
    }

    /// <summary>The markup with character references decoded, so assertions read like the page.</summary>
    private static async Task<string> Render(QuizBlock quiz, int? answered, bool available = true) =>
        System.Net.WebUtility.HtmlDecode(await ComponentHtml.RenderAsync<LessonQuiz>(new Dictionary<string, object?>
        {
            [nameof(LessonQuiz.Quiz)] = quiz,
            [nameof(LessonQuiz.Answered)] = answered,
            [nameof(LessonQuiz.Available)] = available,
        }));

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
