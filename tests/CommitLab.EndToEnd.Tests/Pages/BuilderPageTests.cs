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

    [Fact]
    public async Task A_trigger_offers_only_what_its_node_can_do_and_a_protocol_switch_marks_a_fault_that_no_longer_fires()
    {
        var page = await OpenAsync(app);
        await page.GetByLabel("3PC").CheckAsync();
        await page.GetByTestId("pick-L").ClickAsync();
        await page.GetByTestId("add-fault").ClickAsync();

        await RecordSelect(page).ClickAsync();
        // A 3PC coordinator writes PRE-COMMIT but never PREPARED: only its own records are offered.
        await Expect(OpenOptions(page)).ToHaveTextAsync(["precommit", "commit", "abort", "end"]);
        await OpenOptions(page).GetByText("precommit", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("yaml")).ToContainTextAsync("L logs precommit");

        await page.GetByLabel("2PC").CheckAsync();

        // The fault stays, with its choice marked and the reason; no file or Lab link is offered for it.
        await Expect(page.GetByTestId("fault-summary")).ToHaveTextAsync("when L logs precommit: crash L");
        await Expect(page.GetByTestId("fault-never")).ToHaveTextAsync("This fault never fires: 2PC never logs PRECOMMIT. Pick another trigger or remove it.");
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("fault 1 (“when L logs precommit: crash L”) never fires: 2PC never logs PRECOMMIT");
        await Expect(page.GetByTestId("run-in-lab")).ToHaveCountAsync(0);
        await AxeAudit.AssertNoBlockingViolationsAsync(page);
        await RecordSelect(page).ClickAsync();
        await Expect(OpenOptions(page)).ToHaveTextAsync(["commit", "abort", "end", "precommit (never fires here)"]);

        await OpenOptions(page).GetByText("end", new() { Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("fault-never")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("yaml")).ToContainTextAsync("L logs end");
        await page.Context.CloseAsync();
    }

    private static ILocator RecordSelect(IPage page) =>
        page.GetByTestId("fault").Locator(".mud-input-control.mud-select").Filter(new() { Has = page.Locator("label", new() { HasTextString = "Record" }) });

    private static ILocator OpenOptions(IPage page) => page.Locator(".mud-popover-open .mud-list-item");

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
