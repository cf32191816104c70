using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// A student works through the Paxos Commit lesson: the acceptors are drawn, the leader-crash lab stops
/// before it gives the answer away, and after the prediction it runs to a commit nobody blocked on.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CommitAndConsensusLessonTests(AppFixture app)
{
    private const string Slug = "commit-and-consensus";

    [Fact]
    public async Task The_leader_crash_lab_pauses_for_the_prediction_then_the_participants_commit_without_L()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/lessons/{Slug}");
        await Expect(page.GetByTestId("lesson")).ToHaveAttributeAsync("data-interactive", "true");

        var lab = page.GetByTestId("lesson-lab-2");
        // L, three participants and three acceptors.
        foreach (var node in new[] { "L", "P1", "P2", "P3", "A1", "A2", "A3" })
        {
            await Expect(lab.Locator($"g.node[data-node='{node}']")).ToHaveCountAsync(1);
        }

        await lab.GetByLabel("Playback speed, 0.1x to 10x").EvaluateAsync("el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await lab.GetByTestId("play").ClickAsync();

        await Expect(lab.GetByTestId("prediction-pause")).ToBeVisibleAsync();
        await Expect(lab).ToHaveAttributeAsync("data-tick", "75");
        await Expect(lab.Locator("g.node[data-node='L']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        var narration = lab.GetByTestId("narration");
        await Expect(narration).ToContainTextAsync("L crashes");
        foreach (var answer in new[] { "ballot 5", "leads ballot", "decides COMMIT" })
        {
            await Expect(narration).Not.ToContainTextAsync(answer);
        }

        var quiz = page.GetByTestId("quiz-q2");
        await quiz.GetByRole(AriaRole.Radio, new() { Name = "Committed, by the participants themselves, without L" }).CheckAsync();
        await quiz.GetByTestId("check-q2").ClickAsync();
        await Expect(quiz.GetByRole(AriaRole.Status)).ToContainTextAsync("Your prediction matched");

        await lab.GetByTestId("play").ClickAsync();
        await Expect(lab.GetByTestId("outcome")).ToContainTextAsync("Committed.");
        await Expect(lab).ToHaveAttributeAsync("data-tick", "508");
        await Expect(lab.GetByTestId("narration")).ToContainTextAsync("P1 tells L, P2 and P3 the outcome its ballot found: COMMIT.");
        await Expect(lab.GetByTestId("blocking")).Not.ToContainTextAsync("Blocked");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_acceptor_that_restarts_restores_the_majority_and_the_stalled_run_commits()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"/lessons/{Slug}");
        await Expect(page.GetByTestId("lesson")).ToHaveAttributeAsync("data-interactive", "true");

        var lab = page.GetByTestId("lesson-lab-4");
        await lab.GetByLabel("Playback speed, 0.1x to 10x").EvaluateAsync("el => { el.value = '1'; el.dispatchEvent(new Event('input', { bubbles: true })); }");
        await lab.GetByTestId("play").ClickAsync();

        // Paused just before A2 restarts: A2 and A3 are down and the participants are stuck.
        await Expect(lab.GetByTestId("prediction-pause")).ToBeVisibleAsync();
        await Expect(lab).ToHaveAttributeAsync("data-tick", "999");
        await Expect(lab.Locator("g.node[data-node='A2']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await Expect(lab.GetByTestId("narration")).Not.ToContainTextAsync("A2 recovers");

        var quiz = page.GetByTestId("quiz-q3");
        await quiz.GetByRole(AriaRole.Radio, new() { Name = "Committed, because A2 answers the next ballot with the votes it accepted before it crashed, and A1 and A2 are a majority" }).CheckAsync();
        await quiz.GetByTestId("check-q3").ClickAsync();
        await Expect(quiz.GetByRole(AriaRole.Status)).ToContainTextAsync("Your prediction matched");

        await lab.GetByTestId("play").ClickAsync();
        await Expect(lab.GetByTestId("outcome")).ToContainTextAsync("Committed.", new() { Timeout = 20_000 });
        await Expect(lab).ToHaveAttributeAsync("data-tick", "1439");
        await Expect(lab.Locator("g.node[data-node='A2']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await Expect(lab.GetByTestId("messages-sent")).ToHaveTextAsync("142 messages sent");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_lab_offers_the_paxos_commit_scenarios_and_a_lost_majority_ends_blocked()
    {
        var page = await OpenLabAsync(app, "?scenario=paxos-commit-majority-down");

        await Expect(page.GetByTestId("scenario-picker").Locator("option[value='paxos-commit-happy-path']")).ToHaveCountAsync(1);
        await Expect(page.Locator("g.node[data-node='A3']")).ToHaveCountAsync(1);
        await FastForwardAsync(page);

        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("Blocked.", new() { Timeout = 20_000 });
        await Expect(page.Locator("g.node[data-node='A2']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/lessons/" + Slug, "lesson")]
    [InlineData("/lab?scenario=paxos-commit-leader-crash", "lab")]
    public async Task The_lesson_and_a_paxos_commit_lab_have_no_serious_or_critical_axe_violations(string path, string testId)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page.GetByTestId(testId)).ToHaveAttributeAsync("data-interactive", "true");

        var violations = await AxeAudit.BlockingViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.Context.CloseAsync();
    }
}
