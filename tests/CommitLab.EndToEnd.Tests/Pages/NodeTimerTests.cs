using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>A node card draws each pending timeout as a bar that empties toward its deadline.</summary>
[Collection(AppCollection.Name)]
public sealed class NodeTimerTests(AppFixture app)
{
    [Fact]
    public async Task The_leaders_vote_timer_shrinks_with_time_and_is_gone_once_the_votes_are_in()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-happy-path");
        var leader = page.Locator("article.node-card[aria-label='L']");
        var vote = leader.Locator("[data-testid=timer][data-timer=vote]");

        await Expect(vote).ToContainTextAsync("vote in 200 ms");
        await Expect(vote.Locator(".fill")).ToHaveAttributeAsync("style", "width: 100%");

        await page.GotoAsync("/lab?scenario=2pc-happy-path&t=50");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(vote).ToContainTextAsync("vote in 150 ms");
        await Expect(vote.Locator(".fill")).ToHaveAttributeAsync("style", "width: 75%");

        // Step until the leader writes its decision: every vote is in, and the vote deadline is gone.
        for (var i = 0; i < 60 && !(await leader.Locator(".status").TextContentAsync() ?? "").Contains("writing", StringComparison.Ordinal); i++)
        {
            var before = await page.GetByTestId("lab").GetAttributeAsync("data-events");
            await page.GetByTestId("step").ClickAsync();
            await Expect(page.GetByTestId("lab")).Not.ToHaveAttributeAsync("data-events", before!);
        }

        await Expect(leader.Locator(".status")).ToHaveTextAsync("writing to its log");
        await Expect(vote).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
