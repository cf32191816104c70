using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The Explore page as a student uses it: explore TCommit with 3 RMs, read the verdicts, open a state.</summary>
[Collection(AppCollection.Name)]
public sealed class ExplorePageTests(AppFixture app)
{
    private static async Task<IPage> OpenAsync(AppFixture app, ColorScheme scheme = ColorScheme.Light, int width = 1280, int height = 800)
    {
        var page = await app.NewPageAsync(scheme, new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/explore");
        // The prerendered page looks the same but ignores clicks: wait for the live circuit.
        await Expect(page.GetByTestId("explore")).ToHaveAttributeAsync("data-interactive", "true");
        return page;
    }

    /// <summary>Explores TCommit.tla with 3 RMs (the page's default choice) and waits for the verdicts.</summary>
    private static async Task ExploreTCommitAsync(IPage page)
    {
        await page.GetByTestId("model").SelectOptionAsync("tcommit-tla");
        await page.GetByTestId("rms").FillAsync("3");
        await page.GetByTestId("rms").BlurAsync();
        await page.GetByTestId("run").ClickAsync();
        await Expect(page.GetByTestId("result")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TCommit_with_3_RMs_has_34_states_and_atomicity_holds()
    {
        var page = await OpenAsync(app);

        await ExploreTCommitAsync(page);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Verdicts for TCommit.tla with 3 RMs" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-count='Distinct states']")).ToHaveTextAsync("34");
        await Expect(page.Locator("[data-count='Depth']")).ToHaveTextAsync("7");
        await Expect(page.GetByTestId("verdict-atomicity")).ToContainTextAsync("Atomicity: holds");
        await Expect(page.GetByTestId("verdict-atomicity")).ToContainTextAsync("checked in every reachable state (34 states searched)");
        await Expect(page.GetByTestId("verdict-nonblocking")).ToContainTextAsync("Nonblocking: holds");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Choosing_a_state_in_the_graph_by_click_or_Enter_shows_every_RM_in_it()
    {
        var page = await OpenAsync(app);
        await ExploreTCommitAsync(page);
        var graph = page.GetByRole(AriaRole.Group, new() { Name = "State graph", Exact = false });
        await Expect(graph.GetByRole(AriaRole.Button)).ToHaveCountAsync(34);

        await graph.GetByRole(AriaRole.Button, new() { Name = "State 1, depth 1", Exact = false }).ClickAsync();

        var details = page.GetByTestId("state-details");
        await Expect(details.GetByRole(AriaRole.Heading)).ToHaveTextAsync("State 1, depth 1");
        await Expect(details.Locator("li")).ToHaveTextAsync(["RM r1: working", "RM r2: working", "RM r3: working"]);

        // The last state drawn is one where the decision is made: reach it from the keyboard.
        var last = graph.GetByRole(AriaRole.Button).Last;
        await last.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(last).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(details.GetByRole(AriaRole.Heading)).ToHaveTextAsync("State 34, depth 7");
        await Expect(details.Locator("li")).ToHaveCountAsync(3);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TwoPhase_with_9_RMs_stops_at_the_state_limit_and_every_verdict_is_unknown()
    {
        var page = await OpenAsync(app);

        await page.GetByTestId("model").SelectOptionAsync("twophase-tla");
        await page.GetByTestId("rms").FillAsync("9");
        await page.GetByTestId("rms").BlurAsync();
        await page.GetByTestId("run").ClickAsync();

        await Expect(page.GetByTestId("result")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("result")).ToContainTextAsync("the limit is 1,000,000 states");
        foreach (var property in new[] { "atomicity", "validity", "nonblocking" })
        {
            await Expect(page.GetByTestId($"verdict-{property}")).ToContainTextAsync("unknown");
        }

        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "State graph", Exact = false })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("run")).ToBeEnabledAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task More_than_9_RMs_is_refused_with_a_clear_message()
    {
        var page = await OpenAsync(app);

        await page.GetByTestId("rms").FillAsync("12");
        await page.GetByTestId("rms").BlurAsync();
        await page.GetByTestId("run").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The page explores 1 to 9 RMs, not 12");
        await Expect(page.GetByTestId("result")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Two_phase_commit_with_a_crash_is_blocked_and_its_shortest_run_opens_in_the_Lab()
    {
        var page = await OpenAsync(app);

        await page.GetByTestId("model").SelectOptionAsync("scenario:2pc-leader-crash-after-commit");
        await page.GetByTestId("crashes").FillAsync("1");
        await page.GetByTestId("crashes").BlurAsync();
        await page.GetByTestId("run").ClickAsync();

        await Expect(page.GetByTestId("result")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("verdict-atomicity")).ToContainTextAsync("Atomicity: holds");
        await Expect(page.GetByTestId("verdict-nonblocking")).ToContainTextAsync("Nonblocking: violated");
        await Expect(page.Locator("[data-count='Distinct states']")).ToHaveTextAsync("606");
        await Expect(page.GetByTestId("counterexample-nonblocking")).ToContainTextAsync("Nonblocking broken in 7 steps");

        await page.GetByTestId("open-in-lab-nonblocking").ClickAsync();

        // The Lab opens the replayed run where the path ends: L has crashed and every participant waits.
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("g.node[data-node='L']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        foreach (var participant in new[] { "P1", "P2", "P3" })
        {
            await Expect(page.Locator($"g.node[data-node='{participant}']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        }

        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("light", 1280, 800)]
    [InlineData("dark", 1920, 1080)]
    public async Task The_state_graph_of_2PC_with_a_crash_is_drawn_with_the_blocked_run_highlighted_and_a_click_shows_every_node(string scheme, int width, int height)
    {
        var page = await app.NewPageAsync(scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, new ViewportSize { Width = width, Height = height });

        // A lesson's link with run=1 lands on the answer: no click needed.
        await page.GotoAsync("/explore?scenario=2pc-leader-crash-after-commit&crashes=1&run=1");

        var graph = page.GetByRole(AriaRole.Group, new() { Name = "State graph", Exact = false });
        await Expect(graph.GetByRole(AriaRole.Button)).ToHaveCountAsync(606, new() { Timeout = 60_000 });
        // The shortest blocked run: seven steps, so eight states and seven lines drawn thick.
        await Expect(graph.Locator(".state-dot.on-path")).ToHaveCountAsync(8);
        await Expect(graph.Locator(".state-edge.on-path")).ToHaveCountAsync(7);
        await Expect(page.GetByTestId("blocking-note")).ToContainTextAsync("takes 7 steps and ends before L has decided anything");

        await graph.Locator(".state-dot.on-path").Last.ClickAsync();

        var details = page.GetByTestId("state-details");
        await Expect(details.GetByRole(AriaRole.Heading)).ToContainTextAsync("depth 8");
        await Expect(details.Locator("li")).ToHaveTextAsync(["L down", "P1 uncertain [prepared]", "P2 uncertain [prepared]", "P3 uncertain [prepared]"]);

        // The case the lecture dwells on: L crashes after logging COMMIT, three steps later.
        await page.GetByTestId("highlight").SelectOptionAsync("blocked-commit");
        await Expect(graph.Locator(".state-dot.on-path")).ToHaveCountAsync(11);
        var end = graph.Locator(".state-dot.on-path").Last;
        await end.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(end).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(details.Locator("li").First).ToHaveTextAsync("L down [commit]");

        var shots = Environment.GetEnvironmentVariable("EXPLORE_SHOTS");
        if (shots is not null)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"explore-graph-{scheme}-{width}.png") });
            await page.GetByTestId("result").ScreenshotAsync(new() { Path = Path.Combine(shots, $"explore-graph-{scheme}-{width}-verdicts.png") });
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_lesson_link_preselects_the_scenario_and_its_budgets()
    {
        var page = await app.NewPageAsync(ColorScheme.Light, new ViewportSize { Width = 1280, Height = 800 });
        await page.GotoAsync("/explore?scenario=3pc-partition-timeout-detector&crashes=0&cuts=1");
        await Expect(page.GetByTestId("explore")).ToHaveAttributeAsync("data-interactive", "true");

        await Expect(page.GetByTestId("model")).ToHaveValueAsync("scenario:3pc-partition-timeout-detector");
        await Expect(page.GetByTestId("cuts")).ToHaveValueAsync("1");
        await Expect(page.GetByTestId("crashes")).ToHaveValueAsync("0");
        await page.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(AxeAudit.SchemesAndSizes), MemberType = typeof(AxeAudit))]
    public async Task Explore_has_no_serious_or_critical_axe_violations(string scheme, int width, int height)
    {
        var page = await OpenAsync(app, scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, width, height);
        await AxeAudit.AssertNoBlockingViolationsAsync(page);

        // Again with verdicts, counts and the graph (a state chosen) on screen.
        await ExploreTCommitAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "State 1, depth 1", Exact = false }).ClickAsync();
        await Expect(page.GetByTestId("state-details").Locator("li")).ToHaveCountAsync(3);
        var shots = Environment.GetEnvironmentVariable("EXPLORE_SHOTS");
        if (shots is not null)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"explore-{scheme}-{width}.png"), FullPage = true });
        }

        await AxeAudit.AssertNoBlockingViolationsAsync(page);

        // The graph scrolls inside its frame; the page itself never scrolls sideways, even on a phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await page.Context.CloseAsync();
    }
}
