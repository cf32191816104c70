using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The faults a user injected are listed with their moment; each can be taken back, or all at once.</summary>
[Collection(AppCollection.Name)]
public sealed class HandFaultListTests(AppFixture app)
{
    [Fact]
    public async Task Injected_faults_are_listed_and_removing_one_replays_the_run_without_it()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-happy-path");
        await Expect(page.GetByTestId("hand-faults")).ToHaveCountAsync(0);

        await page.Locator("g.link[data-link='L-P3']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cut L–P3", Exact = true }).ClickAsync();
        await page.GetByTestId("step").ClickAsync();
        await page.Locator("g.node[data-node='P1']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash P1", Exact = true }).ClickAsync();

        var items = page.GetByTestId("hand-fault");
        await Expect(items).ToHaveCountAsync(2);
        await Expect(items.Nth(0)).ToContainTextAsync("cut L–P3");
        await Expect(items.Nth(1)).ToContainTextAsync("crash P1");
        await Expect(page.Locator("g.node[data-node='P1']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove crash P1", Exact = false }).ClickAsync();

        await Expect(items).ToHaveCountAsync(1);
        await Expect(page.Locator("g.node[data-node='P1']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await Expect(page.Locator("g.link[data-link='L-P3']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bcut\\b"));
        await Expect(page.Locator(".run-title")).ToContainTextAsync("1 fault injected");

        await page.GetByTestId("clear-hand-faults").ClickAsync();

        await Expect(page.GetByTestId("hand-faults")).ToHaveCountAsync(0);
        await Expect(page.Locator("g.link[data-link='L-P3']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bcut\\b"));
        await Expect(page.Locator(".run-title")).Not.ToContainTextAsync("injected");
        await page.Context.CloseAsync();
    }
}
