using CommitLab.Web.Components.Lessons;
using CommitLab.Web.Lessons;

namespace CommitLab.Components.Tests.Lessons;

public sealed class LessonQuizTests : MudTestContext
{
    private static readonly QuizBlock Quiz = new(1, "q1", "Who may decide alone after voting yes?", false,
        [new QuizOption("The participant", false), new QuizOption("Nobody but the coordinator", true), new QuizOption("Any participant", false), new QuizOption("The log", false)],
        "Once it voted yes, a participant is uncertain.", null, null);

    private static readonly QuizBlock Prediction = Quiz with { Id = "p1", Prediction = true, Lab = 1, PauseAt = 300 };

    private IRenderedComponent<LessonQuiz> RenderQuiz(QuizBlock quiz, Action<int>? onAnswer = null, bool available = true) =>
        Render<LessonQuiz>(p => p.Add(c => c.Quiz, quiz).Add(c => c.Available, available).Add(c => c.OnAnswer, (int i) => onAnswer?.Invoke(i)));

    [Fact]
    public void Check_is_disabled_until_an_option_is_picked()
    {
        var cut = RenderQuiz(Quiz);
        Assert.True(cut.Find("[data-testid=check-q1]").HasAttribute("disabled"));

        cut.FindAll("input[type=radio]")[1].Change("1");

        Assert.False(cut.Find("[data-testid=check-q1]").HasAttribute("disabled"));
    }

    [Fact]
    public void The_right_answer_raises_on_answer_with_its_position()
    {
        int? answered = null;
        var cut = RenderQuiz(Quiz, i => answered = i);

        cut.FindAll("input[type=radio]")[1].Change("1");
        cut.Find("[data-testid=check-q1]").Click();

        Assert.Equal(1, answered);
    }

    [Fact]
    public void A_wrong_try_is_struck_out_with_a_nudge_and_does_not_count_yet()
    {
        int? answered = null;
        var cut = RenderQuiz(Quiz, i => answered = i);

        cut.FindAll("input[type=radio]")[0].Change("0");
        cut.Find("[data-testid=check-q1]").Click();

        Assert.Null(answered);
        Assert.Equal("✗ Not quite. Think again: 2 more tries.", cut.Find("[data-testid=try-again-q1]").TextContent);
        Assert.True(cut.FindAll("input[type=radio]")[0].HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=check-q1]").HasAttribute("disabled"));
    }

    [Fact]
    public void A_wrong_prediction_counts_at_once()
    {
        int? answered = null;
        var cut = RenderQuiz(Prediction, i => answered = i);

        cut.FindAll("input[type=radio]")[3].Change("3");
        cut.Find("[data-testid=check-p1]").Click();

        Assert.Equal(3, answered);
    }

    [Fact]
    public void An_answered_quiz_shows_the_verdict_and_the_explanation()
    {
        var cut = Render<LessonQuiz>(p => p.Add(c => c.Quiz, Quiz).Add(c => c.Answered, 2));

        Assert.Contains("Not quite: the answer is “Nobody but the coordinator”.", cut.Find("[data-testid=result-q1]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Once it voted yes", cut.Find(".explanation").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prediction_waits_for_its_lab_to_reach_the_moment()
    {
        var cut = RenderQuiz(Prediction, available: false);

        Assert.Equal("Prediction: play Lab 1 above. It stops at 300 ms and asks what happens next.", cut.Find("[data-testid=quiz-waiting-p1]").TextContent.Trim());
        Assert.Empty(cut.FindAll("input[type=radio]"));
    }
}
