using System.Text.RegularExpressions;
using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// Compare side by side: the Lab's run as 2PC and 3PC (or with two failure detectors) on one
/// transport, both sides always at the same simulated time, a hand fault striking both.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ComparePageTests(AppFixture app)
{
    [Fact]
    public async Task Opened_from_the_Lab_it_shows_the_run_as_2pc_and_3pc_and_steps_both_together()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-happy-path");

        await page.GetByTestId("compare-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/lab/compare\?run="));
        await Expect(page.GetByTestId("compare")).ToHaveAttributeAsync("data-interactive", "true");

        var left = page.GetByTestId("compare-left");
        var right = page.GetByTestId("compare-right");
        await Expect(left.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync("2PC");
        await Expect(right.GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync("3PC, timeout detector");
        await Expect(left.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Network") })).ToBeVisibleAsync();
        await Expect(right.GetByRole(AriaRole.Group, new() { NameRegex = new Regex("^Network") })).ToBeVisibleAsync();

        // Each step goes to the next moment either side has something happen, and both sides show it.
        foreach (var tick in new[] { "21", "26", "27" })
        {
            await page.GetByTestId("step").ClickAsync();
            await Expect(left).ToHaveAttributeAsync("data-tick", tick);
            await Expect(right).ToHaveAttributeAsync("data-tick", tick);
            await Expect(page.GetByTestId("clock")).ToHaveTextAsync($"{tick} ms");
        }

        await Expect(left.Locator("td.state[data-node='P1']")).ToHaveTextAsync("uncertain");
        await Expect(right.Locator("td.state[data-node='P1']")).ToHaveTextAsync("uncertain");

        await page.GetByTestId("step-back").ClickAsync();
        await Expect(left).ToHaveAttributeAsync("data-tick", "26");
        await Expect(right).ToHaveAttributeAsync("data-tick", "26");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Crashing_the_leader_after_the_votes_blocks_2pc_while_3pc_terminates()
    {
        var page = await OpenCompareAsync("?scenario=2pc-happy-path");
        var left = page.GetByTestId("compare-left");
        var right = page.GetByTestId("compare-right");
        for (var i = 0; i < 9; i++)
        {
            await page.GetByTestId("step").ClickAsync();
        }

        await Expect(left).ToHaveAttributeAsync("data-tick", "75");
        await Expect(right).ToHaveAttributeAsync("data-tick", "75");

        // While both run, the line under the transport says where they are, not where they are heading.
        await Expect(page.GetByTestId("compare-difference")).ToHaveTextAsync("Both sides at 75 ms, the same faults on each.");

        await left.Locator("g.node[data-node='L'] circle.hit").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash L", Exact = true }).ClickAsync();
        await Expect(left.GetByTestId("crashed")).ToContainTextAsync("L, the leader, has crashed");
        await Expect(right.GetByTestId("crashed")).ToContainTextAsync("L, the leader, has crashed");
        await Expect(left.GetByTestId("caption")).ToContainTextAsync("Running");

        await FastForwardAsync(page);

        await Expect(page.GetByTestId("compare-difference")).ToHaveTextAsync(
            "Difference: 2PC: P1–P3 blocked holding locks; 3PC, timeout detector: all aborted at 403 ms");
        await Expect(left.GetByTestId("standstill")).ToContainTextAsync("Blocked: P1, P2 and P3 wait for L");
        await Expect(right.GetByTestId("outcome")).ToContainTextAsync("Aborted.");
        await Expect(page.GetByTestId("play")).ToBeVisibleAsync();
        Assert.Equal(await left.GetAttributeAsync("data-tick"), await right.GetAttributeAsync("data-tick"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_context_menu_opens_beside_the_drawing_clicked_and_its_fault_strikes_both_sides()
    {
        var page = await OpenCompareAsync("?scenario=2pc-happy-path&t=30");
        var right = page.GetByTestId("compare-right");

        await right.Locator("g.node[data-node='P2'] circle.hit").ClickAsync(new() { Button = MouseButton.Right });
        var menu = page.GetByRole(AriaRole.Menu);
        await Expect(menu).ToBeVisibleAsync();
        // The browser places the menu, then moves the focus into it: once its first item has the focus, it is where it stays.
        await Expect(menu.GetByRole(AriaRole.Menuitem).First).ToBeFocusedAsync();
        var menuBox = (await menu.BoundingBoxAsync())!;
        var drawing = (await right.Locator("svg.network").BoundingBoxAsync())!;
        Assert.True(menuBox.X >= drawing.X, $"the menu opened at {menuBox.X:0} px, left of the right-hand drawing at {drawing.X:0} px");

        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "Crash P2" }).ClickAsync();

        await Expect(page.GetByTestId("compare-left").Locator("td.state[data-node='P2']")).ToHaveTextAsync("crashed");
        await Expect(right.Locator("td.state[data-node='P2']")).ToHaveTextAsync("crashed");
        await Expect(page.GetByTestId("clear-hand-faults")).ToContainTextAsync("(1)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_fault_added_here_is_kept_in_the_address_so_a_reload_brings_it_back_with_the_same_verdict()
    {
        var page = await OpenCompareAsync("?scenario=2pc-happy-path&t=75");
        var left = page.GetByTestId("compare-left");
        await left.Locator("g.node[data-node='L'] circle.hit").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash L", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("compare-right").GetByTestId("crashed")).ToContainTextAsync("L, the leader, has crashed");

        // Each side's recording goes into the address, with the moment of the fault.
        await Expect(page).ToHaveURLAsync(new Regex(@"/lab/compare\?run=[^&]+&left=[^&]+&right=[^&]+&t=75$"));
        await FastForwardAsync(page);
        const string verdict = "Difference: 2PC: P1–P3 blocked holding locks; 3PC, timeout detector: all aborted at 403 ms";
        await Expect(page.GetByTestId("compare-difference")).ToHaveTextAsync(verdict);

        await page.ReloadAsync();

        await Expect(page.GetByTestId("compare")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId("clear-hand-faults")).ToContainTextAsync("(1)");
        await Expect(left).ToHaveAttributeAsync("data-tick", "75");
        await Expect(left.GetByTestId("crashed")).ToContainTextAsync("L, the leader, has crashed");
        await Expect(page.GetByTestId("compare-right").GetByTestId("crashed")).ToContainTextAsync("L, the leader, has crashed");
        await FastForwardAsync(page);
        await Expect(page.GetByTestId("compare-difference")).ToHaveTextAsync(verdict);

        // Clearing them takes them out of the address too.
        await page.GetByTestId("clear-hand-faults").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/lab/compare\?run=[^&]+$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_damaged_fault_part_of_the_link_is_said_and_the_rest_of_the_link_still_opens()
    {
        var page = await OpenCompareAsync("?scenario=3pc-partition-timeout-detector&mode=detectors&left=1.not-a-payload&t=400");

        await Expect(page.GetByTestId("link-note")).ToHaveTextAsync(
            "The link's left= faults could not be read: this shared link is damaged: its left= part is not valid base64url (was it cut short or changed when copied?). The 3PC, perfect detector side opens without them.");
        await Expect(page.GetByTestId("compare-mode")).ToHaveValueAsync("detectors");
        await Expect(page.GetByTestId("compare-left")).ToHaveAttributeAsync("data-tick", "400");
        await Expect(page.GetByTestId("compare-right").GetByTestId("violation")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("clear-hand-faults")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_fault_the_other_protocol_cannot_take_is_explained_on_its_side_and_the_status_line_says_it_struck_one_side()
    {
        var page = await OpenCompareAsync("?scenario=3pc-leader-crash-before-precommit");

        await Expect(page.GetByTestId("compare-left").GetByTestId("side-notes"))
            .ToHaveTextAsync("Not here: “crash L when L logs precommit”, because 2PC never logs PRECOMMIT.");
        await Expect(page.GetByTestId("compare-right").GetByTestId("side-notes")).ToHaveCountAsync(0);
        // Not "the same faults on each": the crash strikes 3PC alone, and the line says so from the start.
        await Expect(page.GetByTestId("compare-difference")).ToHaveTextAsync(
            "Both sides at 0 ms. Crash L when L logs precommit strikes 3PC only: 2PC never logs PRECOMMIT.");

        await FastForwardAsync(page);

        await Expect(page.GetByTestId("compare-difference")).ToHaveTextAsync(
            "Difference: 2PC: all committed at 154 ms; 3PC, perfect detector: all aborted at 405 ms. Crash L when L logs precommit struck 3PC only: 2PC never logs PRECOMMIT.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_detector_choice_puts_a_perfect_and_a_timeout_detector_side_by_side()
    {
        var page = await OpenCompareAsync("?scenario=3pc-partition-timeout-detector");

        await page.GetByTestId("compare-mode").SelectOptionAsync("detectors");

        await Expect(page.GetByTestId("compare-left").GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync("3PC, perfect detector");
        await Expect(page.GetByTestId("compare-right").GetByRole(AriaRole.Heading, new() { Level = 2 }).First).ToHaveTextAsync("3PC, timeout detector");
        await Expect(page).ToHaveURLAsync(new Regex("mode=detectors"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1920, 1080)]
    public async Task On_a_projector_both_drawings_are_on_screen_side_by_side(int width, int height)
    {
        var page = await OpenCompareAsync("?scenario=3pc-partition-timeout-detector&t=400", viewport: new ViewportSize { Width = width, Height = height });

        var left = (await page.Locator("[data-side='left'] svg.network").BoundingBoxAsync())!;
        var right = (await page.Locator("[data-side='right'] svg.network").BoundingBoxAsync())!;
        foreach (var box in new[] { left, right })
        {
            Assert.True(box.Y >= 0 && box.Y + box.Height <= height, $"a drawing spans {box.Y:0}..{box.Y + box.Height:0} px of a {height} px screen");
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"a drawing spans {box.X:0}..{box.X + box.Width:0} px of a {width} px screen");
        }

        Assert.True(left.X + left.Width <= right.X, "the drawings overlap or are not side by side");
        Assert.True(Math.Abs(left.Y - right.Y) < 2, $"the drawings start at {left.Y:0} and {right.Y:0} px");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_sides_stack()
    {
        var page = await OpenCompareAsync("?scenario=2pc-happy-path", viewport: new ViewportSize { Width = 390, Height = 844 });

        var left = (await page.Locator("[data-side='left'] svg.network").BoundingBoxAsync())!;
        var right = (await page.Locator("[data-side='right'] svg.network").BoundingBoxAsync())!;

        Assert.True(right.Y >= left.Y + left.Height, "the right side is not under the left one");
        Assert.True(left.X + left.Width <= 390 && right.X + right.Width <= 390, "a drawing is wider than the phone");
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(AxeAudit.SchemesAndSizes), MemberType = typeof(AxeAudit))]
    public async Task Compare_has_no_serious_or_critical_axe_violations(string scheme, int width, int height)
    {
        var page = await OpenCompareAsync("?scenario=3pc-partition-timeout-detector&mode=detectors&t=400",
            scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, new ViewportSize { Width = width, Height = height });
        await Expect(page.GetByTestId("compare-right").GetByTestId("violation")).ToBeVisibleAsync();

        await AxeAudit.AssertNoBlockingViolationsAsync(page);

        // With a node selected and its context menu open over the right-hand drawing.
        await page.Locator("[data-side='right'] g.node[data-node='P2'] circle.hit").ClickAsync(new() { Button = MouseButton.Right });
        await Expect(page.GetByRole(AriaRole.Menu)).ToBeVisibleAsync();
        await AxeAudit.AssertNoBlockingViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    private async Task<IPage> OpenCompareAsync(string query, ColorScheme scheme = ColorScheme.Light, ViewportSize? viewport = null)
    {
        var page = await app.NewPageAsync(scheme, viewport);
        await page.GotoAsync("/lab/compare" + query);
        await Expect(page.GetByTestId("compare")).ToHaveAttributeAsync("data-interactive", "true");
        return page;
    }
}
