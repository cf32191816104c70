using System.Globalization;
using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The Two generals page as a student uses it: lose an email, watch the lunch split, run the batch.</summary>
[Collection(AppCollection.Name)]
public sealed class GeneralsPageTests(AppFixture app)
{
    private static async Task<IPage> OpenAsync(AppFixture app, ColorScheme scheme = ColorScheme.Light, int width = 1280)
    {
        var page = await app.NewPageAsync(scheme, new ViewportSize { Width = width, Height = width > 600 ? 800 : 844 });
        await page.GotoAsync("/generals");
        // The prerendered page looks the same but ignores clicks: wait for the live circuit.
        await Expect(page.GetByTestId("generals")).ToHaveAttributeAsync("data-interactive", "true");
        return page;
    }

    /// <summary>Moves a range input as a drag would: sets it and fires the input event.</summary>
    private static async Task SetRangeAsync(ILocator range, string value) =>
        await range.EvaluateAsync("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }", value);

    /// <summary>Sends three emails with no random loss, so every email arrives and both go out.</summary>
    private static async Task SendThreeWithoutLossAsync(IPage page)
    {
        await page.GetByTestId("emails").SelectOptionAsync("3");
        await SetRangeAsync(page.GetByTestId("loss"), "0");
        await Expect(page.GetByTestId("loss-value")).ToHaveTextAsync("0%");
        await page.GetByTestId("send").ClickAsync();
        await Expect(page.GetByTestId("trial-facts")).ToHaveTextAsync("On screen: 3 emails, 0% loss, seed 1");
        await Expect(page.GetByTestId("met")).ToContainTextAsync("They met: both ate outside in the sun.");
    }

    private static ILocator Email(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task Losing_the_last_of_three_emails_sends_Sam_out_and_leaves_Jill_in_the_cafeteria()
    {
        var page = await OpenAsync(app);
        await SendThreeWithoutLossAsync(page);

        await Email(page, "Email 3, Sam to Jill, arrived — click to lose it").ClickAsync();

        await Expect(page.GetByTestId("sam-place")).ToHaveTextAsync("Sam: outside in the sun");
        await Expect(page.GetByTestId("jill-place")).ToHaveTextAsync("Jill: in the cafeteria");
        await Expect(page.GetByTestId("met")).ToContainTextAsync("They did not meet");
        await Expect(Email(page, "Email 3, Sam to Jill, dropped by you — click to let it through")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("knowledge").Locator("li")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_lunch_is_drawn_on_the_space_time_diagram_and_a_lost_last_email_shows_there_as_the_split()
    {
        var page = await OpenAsync(app);
        await SendThreeWithoutLossAsync(page);
        var diagram = page.GetByRole(AriaRole.Img, new() { Name = "Space-time diagram of the lunch" });
        await Expect(diagram.Locator("desc")).ToContainTextAsync("2 nodes (Sam, Jill) up to 35 ms");
        await Expect(diagram.Locator("desc")).ToContainTextAsync("3 in all, 0 lost");

        await Email(page, "Email 3, Sam to Jill, arrived — click to lose it").ClickAsync();

        await Expect(diagram.Locator("desc")).ToContainTextAsync("3 in all, 1 lost");
        await Expect(diagram.Locator(".violation")).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_email_can_be_lost_and_let_through_again_from_the_keyboard()
    {
        var page = await OpenAsync(app);
        await SendThreeWithoutLossAsync(page);

        await Email(page, "Email 2, Jill to Sam, arrived — click to lose it").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // Losing a middle email leaves both unsure: both eat inside, and email 3 is never written.
        await Expect(page.GetByTestId("met")).ToContainTextAsync("They met: both ate in the cafeteria");
        await Expect(page.Locator("[data-email='3']")).ToHaveAttributeAsync("data-fate", "never-sent");

        var dropped = Email(page, "Email 2, Jill to Sam, dropped by you — click to let it through");
        await Expect(dropped).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("met")).ToContainTextAsync("They met: both ate outside in the sun.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_batch_draws_its_chart_and_every_disagreement_rate_in_the_table_is_above_zero()
    {
        var page = await OpenAsync(app);

        await page.GetByTestId("run-batch").ClickAsync();

        var cells = page.GetByTestId("batch-table").Locator("tbody td");
        await Expect(cells).ToHaveCountAsync(60);
        await Expect(page.GetByTestId("batch-chart").Locator("svg").First).ToBeVisibleAsync();
        foreach (var text in await cells.AllInnerTextsAsync())
        {
            Assert.True(text == "<0.1" || double.Parse(text, CultureInfo.InvariantCulture) > 0, $"a cell reads {text}");
        }

        await Expect(page.GetByTestId("batch-summary")).ToContainTextAsync("Every one of the 60 disagreement rates is above zero");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("light", 1280)]
    [InlineData("dark", 1280)]
    [InlineData("light", 390)]
    [InlineData("dark", 390)]
    public async Task Has_no_serious_or_critical_axe_violations(string scheme, int width)
    {
        var page = await OpenAsync(app, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, width);
        await AxeAudit.AssertNoBlockingViolationsAsync(page);

        // Again with every kind of email on screen (read, dropped, never sent) and the batch drawn.
        await SendThreeWithoutLossAsync(page);
        await Email(page, "Email 2, Jill to Sam, arrived — click to lose it").ClickAsync();
        await Expect(page.Locator("[data-email='3']")).ToHaveAttributeAsync("data-fate", "never-sent");
        await page.GetByTestId("run-batch").ClickAsync();
        await Expect(page.GetByTestId("batch-table").Locator("tbody td")).ToHaveCountAsync(60);
        await Expect(page.GetByTestId("batch-chart").Locator("svg").First).ToBeVisibleAsync();
        await AxeAudit.AssertNoBlockingViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1920, 1080)]
    public async Task The_run_its_controls_scene_and_space_time_diagram_are_on_the_first_screen(int width, int height)
    {
        var page = await app.NewPageAsync(viewport: new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/generals");
        await Expect(page.GetByTestId("generals")).ToHaveAttributeAsync("data-interactive", "true");

        var send = (await page.GetByTestId("send").BoundingBoxAsync())!;
        var scene = (await page.Locator("svg.lunch-scene").BoundingBoxAsync())!;
        var diagram = (await page.GetByRole(AriaRole.Img, new() { Name = "Space-time diagram of the lunch" }).BoundingBoxAsync())!;

        Assert.True(send.Y + send.Height <= height, $"Send is at {send.Y:0}, under the fold at {height}");
        // The whole scene (the two of them, every email, where they are at noon) and the diagram's top are on screen.
        Assert.True(scene.Y >= 0 && scene.Y + scene.Height <= height, $"the scene runs from {scene.Y:0} to {scene.Y + scene.Height:0}");
        Assert.True(diagram.Y >= 0 && diagram.Y + 100 <= height, $"the space-time diagram starts at {diagram.Y:0}");
        await page.Context.CloseAsync();
    }
}
