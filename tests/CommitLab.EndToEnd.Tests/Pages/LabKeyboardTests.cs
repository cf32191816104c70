using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The Lab's keys and its step back: Space plays without scrolling, the left arrow and the button go one event back.</summary>
[Collection(AppCollection.Name)]
public sealed class LabKeyboardTests(AppFixture app)
{
    [Fact]
    public async Task Space_plays_the_run_without_scrolling_the_page()
    {
        var page = await app.NewPageAsync(ColorScheme.Light);
        await page.SetViewportSizeAsync(1280, 800);
        await page.GotoAsync("/lab");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId("lab").Locator("h1").ClickAsync();

        await page.Keyboard.PressAsync("Space");

        await Expect(page.GetByTestId("pause")).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.scrollY"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Step_back_undoes_one_step_and_the_title_says_what_the_run_has_become()
    {
        var page = await app.NewPageAsync(ColorScheme.Light);
        await page.GotoAsync("/lab?scenario=2pc-happy-path");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId("scenario-picker")).ToHaveValueAsync("2pc-happy-path");
        await Expect(page.GetByTestId("step-back")).ToBeDisabledAsync();

        for (var i = 0; i < 8; i++)
        {
            var events = await page.GetByTestId("lab").GetAttributeAsync("data-events");
            await page.GetByTestId("step").ClickAsync();
            await Expect(page.GetByTestId("lab")).Not.ToHaveAttributeAsync("data-events", events!);
        }

        var atEight = await page.GetByTestId("lab").GetAttributeAsync("data-events");
        var hash = await page.GetByTestId("lab").GetAttributeAsync("data-trace-hash");
        await page.GetByTestId("step").ClickAsync();
        await Expect(page.GetByTestId("lab")).Not.ToHaveAttributeAsync("data-events", atEight!);
        await page.GetByTestId("step-back").ClickAsync();
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-events", atEight!);
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-trace-hash", hash!);

        await page.Locator("g.node[data-node='L']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash L" }).ClickAsync();
        await Expect(page.Locator(".run-title")).ToContainTextAsync("your run, started from");
        await Expect(page.Locator(".run-title")).ToContainTextAsync("with 1 fault injected");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bare_lab_does_not_say_lab_twice()
    {
        var page = await app.NewPageAsync(ColorScheme.Light);
        await page.GotoAsync("/lab");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");

        await Expect(page.Locator("h1")).Not.ToContainTextAsync("Lab Lab");
        await Expect(page.Locator(".run-title")).ToHaveTextAsync("a run of your own");
        await Expect(page.GetByTestId("speed-meaning")).ToHaveTextAsync("1 ms of protocol time per 40 ms");
        await page.Context.CloseAsync();
    }
}
