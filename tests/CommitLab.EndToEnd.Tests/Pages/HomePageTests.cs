using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class HomePageTests(AppFixture app)
{
    [Fact]
    public async Task The_run_button_runs_fault_free_2pc_on_the_server()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        // The button stays disabled until the page is connected to the server; Playwright's click
        // waits for it to become enabled.
        await page.GetByTestId("quick-run-button").ClickAsync();

        var result = page.GetByTestId("quick-run-result");
        await Expect(result).ToContainTextAsync("committed");
        await Expect(result).ToContainTextAsync("12 messages");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_choices_reach_the_engine()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        var button = page.GetByTestId("quick-run-button");
        await Expect(button).ToBeEnabledAsync();

        await page.GetByLabel("Protocol").SelectOptionAsync("ThreePhase");
        await page.GetByLabel("Participants").SelectOptionAsync("5");
        await Expect(button).ToHaveTextAsync("Run fault-free 3PC");
        await button.ClickAsync();

        var result = page.GetByTestId("quick-run-result");
        await Expect(result).ToContainTextAsync("committed — 30 messages");
        await Expect(result).ToContainTextAsync("6 × 5 = 30");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_main_navigation_links_every_section()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var (name, href) in new[] { ("Lab", "lab"), ("Lessons", "lessons"), ("Explore", "explore"), ("Two generals", "generals"), ("Classroom", "classroom") })
        {
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToHaveAttributeAsync("href", href);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_in_the_layout()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/no-such-page");

        Assert.Equal(404, response?.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("No such page");
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_home_page_points_to_every_part_and_starts_the_first_lesson()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        var startHere = page.GetByRole(AriaRole.Navigation, new() { Name = "Where to go next" });
        await Expect(startHere.GetByRole(AriaRole.Heading, new() { Level = 3 })).ToHaveTextAsync(["Lessons", "Lab", "Two generals", "Classroom"]);
        await Expect(startHere.GetByRole(AriaRole.Link, new() { Name = "Open a room" })).ToHaveAttributeAsync("href", "classroom/new");
        await Expect(startHere.GetByRole(AriaRole.Link, new() { Name = "Join with a code" })).ToHaveAttributeAsync("href", "join");

        await startHere.GetByRole(AriaRole.Link, new() { Name = "Start with lesson 1: Why commit needs a protocol" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/lessons/why-commit-needs-a-protocol$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Why commit needs a protocol");
        await page.Context.CloseAsync();
    }
}
