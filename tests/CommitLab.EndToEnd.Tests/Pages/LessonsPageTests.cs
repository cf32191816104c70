using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>A student works through a lesson: plays its lab to a prediction, answers, and sees the lesson done.</summary>
[Collection(AppCollection.Name)]
public sealed class LessonsPageTests(AppFixture app)
{
    // Lesson 2 has a prediction quiz on its first lab (pauseAt 20) and one ordinary quiz.
    private const string Slug = "2pc-on-a-good-day";

    private static async Task OpenAsync(IPage page, string path, string testId)
    {
        await page.GotoAsync(path);
        // The prerendered page ignores clicks and has no progress yet: wait for the live circuit.
        await Expect(page.GetByTestId(testId)).ToHaveAttributeAsync("data-interactive", "true");
    }

    /// <summary>Answers a quiz by trying its options in order until it counts (right, or out of tries).</summary>
    private static async Task AnswerAsync(IPage page, string quizId)
    {
        var quiz = page.GetByTestId($"quiz-{quizId}");
        while (await quiz.Locator(".explanation").CountAsync() == 0)
        {
            var option = quiz.Locator("input[type=radio]:not([disabled])").First;
            var value = await option.GetAttributeAsync("value");
            await option.CheckAsync();
            await quiz.GetByTestId($"check-{quizId}").ClickAsync();
            // Wait for this try's own verdict (the option struck out, or the explanation): the nudge
            // of an earlier try is already on screen and would let the loop run ahead of the server.
            await Expect(quiz.Locator(".explanation").Or(quiz.Locator($"input[type=radio][value='{value}'][disabled]"))).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task Playing_a_lab_stops_at_the_prediction_and_answering_every_quiz_marks_the_lesson_done()
    {
        var page = await app.NewPageAsync();
        await OpenAsync(page, $"/lessons/{Slug}", "lesson");

        var lab = page.GetByTestId("lesson-lab-1");
        var prediction = page.GetByTestId("quiz-q1");
        await Expect(prediction.GetByRole(AriaRole.Radio)).ToHaveCountAsync(0);

        await lab.GetByLabel("Playback speed, 0.1x to 10x").EvaluateAsync("el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await lab.GetByTestId("play").ClickAsync();

        // The lab stops exactly at the moment the question is about and waits for the answer.
        await Expect(lab.GetByTestId("prediction-pause")).ToBeVisibleAsync();
        await Expect(lab).ToHaveAttributeAsync("data-tick", "20");
        await Expect(lab.GetByTestId("play")).ToHaveCountAsync(0);
        await Expect(prediction.Locator("legend")).ToContainTextAsync("Predict:");

        await prediction.GetByRole(AriaRole.Radio, new() { Name = "It forces a PREPARED record to its log, and only then sends vote-yes" }).CheckAsync();
        await prediction.GetByTestId("check-q1").ClickAsync();
        await Expect(prediction.GetByRole(AriaRole.Status)).ToContainTextAsync("Your prediction matched");
        await Expect(prediction.GetByRole(AriaRole.Status)).ToContainTextAsync("forced write");
        // The lab waits for the student to press Play, then goes on to its end.
        await Expect(lab.GetByTestId("prediction-pause")).ToHaveCountAsync(0);
        await Expect(lab).ToHaveAttributeAsync("data-tick", "20");
        await lab.GetByTestId("play").ClickAsync();
        await Expect(lab.GetByTestId("outcome")).ToContainTextAsync("Committed.");

        await AnswerAsync(page, "q2");
        await Expect(page.GetByTestId("lesson-done")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "All lessons" }).ClickAsync();
        await Expect(page.GetByTestId("lessons")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId($"status-{Slug}")).ToHaveTextAsync("✓ done");
        // The course map counts it and points at the first lesson not yet done.
        await Expect(page.GetByTestId("course-summary")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1 of [0-9]+ lessons done$"));
        await Expect(page.GetByTestId("course-next")).ToHaveTextAsync("lesson 1: Why commit needs a protocol");

        await page.ReloadAsync();
        await Expect(page.GetByTestId("lessons")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId($"status-{Slug}")).ToHaveTextAsync("✓ done");

        // Back in the lesson, the answers are still there.
        await OpenAsync(page, $"/lessons/{Slug}", "lesson");
        await Expect(page.GetByTestId("result-q1")).ToContainTextAsync("Your prediction matched");
        await Expect(page.GetByTestId("check-q2")).ToHaveCountAsync(0);
        // Answered quizzes (right and wrong colours) pass the audit too.
        var violations = await AxeAudit.BlockingViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task At_a_prediction_pause_the_narration_tells_what_happened_but_not_the_answer()
    {
        // Lesson 4's second lab stops at 300 ms, L down, to ask how the participants will end up; the
        // full narration says they "can learn it from LOG even while L is down", which is the answer.
        var page = await app.NewPageAsync();
        await OpenAsync(page, "/lessons/when-the-leader-fails", "lesson");
        var lab = page.GetByTestId("lesson-lab-2");
        var narration = lab.GetByTestId("narration");

        await lab.GetByLabel("Playback speed, 0.1x to 10x").EvaluateAsync("el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await lab.GetByTestId("play").ClickAsync();
        await Expect(lab.GetByTestId("prediction-pause")).ToBeVisibleAsync();
        await Expect(lab).ToHaveAttributeAsync("data-tick", "300");

        await Expect(lab.GetByTestId("narration-held")).ToHaveTextAsync("Question open — the narration resumes after you answer.");
        await Expect(narration).ToContainTextAsync("LOG force-writes COMMIT.");
        await Expect(narration).ToContainTextAsync("L crashes");
        foreach (var answer in new[] { "learn", "settle", "blocked", "even while L is down" })
        {
            await Expect(narration).Not.ToContainTextAsync(answer);
        }

        var quiz = page.GetByTestId("quiz-q2");
        await quiz.GetByRole(AriaRole.Radio, new() { Name = "Committed, because LOG answers their requests with the decision it recorded" }).CheckAsync();
        await quiz.GetByTestId("check-q2").ClickAsync();

        await Expect(lab.GetByTestId("narration-held")).ToHaveCountAsync(0);
        await lab.GetByTestId("play").ClickAsync();
        await Expect(lab.GetByTestId("outcome")).ToContainTextAsync("Committed.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_lesson_answers_404_and_says_so()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/lessons/no-such-lesson");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No such lesson" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "See all lessons" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Opening_a_lesson_marks_it_in_progress()
    {
        var page = await app.NewPageAsync();
        await OpenAsync(page, "/lessons/when-a-participant-fails", "lesson");
        await OpenAsync(page, "/lessons", "lessons");
        await Expect(page.GetByTestId("status-when-a-participant-fails")).ToHaveTextAsync("in progress");
        await Expect(page.GetByTestId($"status-{Slug}")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/lessons", "lessons", "light")]
    [InlineData($"/lessons/{Slug}", "lesson", "dark")]
    [InlineData("/lessons/two-generals-lunch", "lesson", "light")]
    public async Task Lesson_pages_have_no_serious_or_critical_axe_violations(string path, string testId, string scheme)
    {
        var page = await app.NewPageAsync(scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        await OpenAsync(page, path, testId);
        var violations = await AxeAudit.BlockingViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_lesson_fault_button_injects_its_action_and_full_controls_show_the_fault_console()
    {
        var page = await app.NewPageAsync();
        await OpenAsync(page, "/lessons/blocking", "lesson");
        var lab = page.GetByTestId("lesson-lab-3");
        await Expect(lab.GetByTestId("lesson-fault-3")).ToHaveTextAsync("Crash the leader now");
        await Expect(page.GetByTestId("lesson-lab-1").GetByTestId("lesson-fault-1")).ToHaveCountAsync(0);
        await Expect(lab.Locator(".fault-console")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("lesson-lab-1").Locator(".fault-console")).ToHaveCountAsync(0);

        await lab.GetByTestId("lesson-fault-3").ClickAsync();
        await Expect(lab.Locator("g.node[data-node='L']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_lessons_lunch_widget_lets_the_student_choose_emails_and_loss_and_points_to_the_batch()
    {
        var page = await app.NewPageAsync();
        await OpenAsync(page, "/lessons/two-generals-lunch", "lesson");

        var widget = page.GetByTestId("lesson-generals").First;
        await widget.GetByTestId("emails").SelectOptionAsync("5");
        await widget.GetByTestId("loss").EvaluateAsync("el => { el.value = '30'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await widget.GetByTestId("send").ClickAsync();

        await Expect(widget.Locator(".trial-facts")).ToContainTextAsync("5 emails, 30% loss");
        await Expect(widget.Locator(".scene-legend")).ToContainTextAsync("Select an email that was read to lose it");
        // The same lunch, drawn by the Lab's space-time diagram: Sam's and Jill's lanes up to noon.
        await Expect(widget.GetByRole(AriaRole.Img, new() { Name = "Space-time diagram of the lunch" }).Locator("desc")).ToContainTextAsync("2 nodes (Sam, Jill) up to 55 ms");
        await Expect(widget.GetByRole(AriaRole.Link, new() { Name = "the two generals page" })).ToHaveAttributeAsync("href", "generals");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_answer_is_struck_out_and_the_student_may_try_again_before_the_explanation()
    {
        var page = await app.NewPageAsync();
        await OpenAsync(page, $"/lessons/{Slug}", "lesson");

        // Lesson 2's second quiz: how many messages for five participants (10, 15, 20 or 25).
        var quiz = page.GetByTestId("quiz-q2");
        await quiz.GetByRole(AriaRole.Radio, new() { Name = "10" }).CheckAsync();
        await quiz.GetByTestId("check-q2").ClickAsync();

        await Expect(quiz.GetByTestId("try-again-q2")).ToHaveTextAsync("✗ Not quite. Think again: 2 more tries.");
        await Expect(quiz.Locator(".explanation")).ToHaveCountAsync(0);
        await Expect(quiz.GetByRole(AriaRole.Radio, new() { Name = "10 (tried, not right)" })).ToBeDisabledAsync();

        await quiz.GetByRole(AriaRole.Radio, new() { Name = "20" }).CheckAsync();
        await quiz.GetByTestId("check-q2").ClickAsync();
        await Expect(quiz.GetByRole(AriaRole.Status)).ToContainTextAsync("Right.");
        await Expect(quiz.Locator(".explanation")).ToContainTextAsync("4 x 5 = 20");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_lesson_lab_counts_messages_and_forced_writes_as_the_run_goes()
    {
        var page = await app.NewPageAsync();
        await OpenAsync(page, "/lessons/presumed-abort-and-presumed-commit", "lesson");

        var lab = page.GetByTestId("lesson-lab-1");
        // At t=0 the three prepares have left and nothing is on disk yet.
        await Expect(lab.GetByTestId("messages-sent")).ToHaveTextAsync("3 messages sent");
        await Expect(lab.GetByTestId("forced-writes")).ToHaveTextAsync("0 forced log writes");
        await lab.GetByLabel("Playback speed, 0.1x to 10x").EvaluateAsync("el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await lab.GetByTestId("play").ClickAsync();

        // Presumed abort, everyone votes yes: the same cost as basic 2PC, 4n messages and 2n + 1 forced writes.
        await Expect(lab.GetByTestId("outcome")).ToContainTextAsync("Committed.");
        await Expect(lab.GetByTestId("messages-sent")).ToHaveTextAsync("12 messages sent");
        await Expect(lab.GetByTestId("forced-writes")).ToHaveTextAsync("7 forced log writes");
        await page.Context.CloseAsync();
    }
}
