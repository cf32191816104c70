using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class BuilderPageTests(AppFixture app)
{
    public static TheoryData<string, int, int> SchemesAndSizes => new()
    {
        { "light", 1280, 800 },
        { "dark", 1280, 800 },
        { "light", 1920, 1080 },
        { "dark", 1920, 1080 },
        { "light", 390, 844 },
        { "dark", 390, 844 },
    };

    private static async Task<IPage> OpenAsync(AppFixture app, ColorScheme scheme = ColorScheme.Light, ViewportSize? viewport = null)
    {
        var page = await app.NewPageAsync(scheme, viewport);
        await page.GotoAsync("/builder");
        // The canvas appears once the page is interactive.
        await Expect(page.Locator(".diagram-frame .diagram-node").First).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task A_participant_added_on_the_canvas_runs_in_the_lab()
    {
        var page = await OpenAsync(app);
        await Expect(page.Locator(".diagram-frame .diagram-node")).ToHaveCountAsync(4);

        await page.GetByTestId("add-participant").ClickAsync();

        await Expect(page.Locator(".diagram-frame .diagram-node")).ToHaveCountAsync(5);
        await Expect(page.Locator(".diagram-frame")).ToContainTextAsync("P4 · votes yes");
        await Expect(page.GetByTestId("yaml")).ToContainTextAsync("participants: 4");

        await page.GetByTestId("run-in-lab").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/lab\\?run="));
        await Expect(page.Locator("g.node[data-node='P4']")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task From_the_keyboard_a_participant_is_picked_set_to_vote_no_and_given_a_fault()
    {
        var page = await OpenAsync(app);

        await page.GetByTestId("pick-P2").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("pick-P2")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator(".diagram-frame .diagram-node.selected")).ToContainTextAsync("P2");

        await page.GetByLabel("Votes no").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(page.Locator(".diagram-frame")).ToContainTextAsync("P2 · votes no");

        await page.GetByTestId("add-fault").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("fault-summary")).ToHaveTextAsync("when L logs commit: crash P2");
        await Expect(page.GetByTestId("yaml")).ToContainTextAsync("P2: no");
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(SchemesAndSizes))]
    public async Task The_builder_has_no_serious_or_critical_axe_violations(string scheme, int width, int height)
    {
        var page = await OpenAsync(app, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, new ViewportSize { Width = width, Height = height });
        await page.GetByTestId("pick-P1").ClickAsync();
        await page.GetByTestId("add-fault").ClickAsync();
        await Expect(page.GetByTestId("fault")).ToBeVisibleAsync();

        await AxeAudit.AssertNoBlockingViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
