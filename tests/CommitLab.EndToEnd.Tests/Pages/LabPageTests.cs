using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The Lab as a student uses it: watch a run, break it by clicking, scrub back, share.</summary>
[Collection(AppCollection.Name)]
public sealed class LabPageTests(AppFixture app)
{
    /// <summary>Steps one event at a time until <paramref name="done"/> holds (bounded, never a sleep).</summary>
    private static async Task StepUntilAsync(IPage page, Func<Task<bool>> done, int maxSteps = 200)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (await done())
            {
                return;
            }

            var before = await page.GetByTestId("lab").GetAttributeAsync("data-events");
            await page.GetByTestId("step").ClickAsync();
            await Expect(page.GetByTestId("lab")).Not.ToHaveAttributeAsync("data-events", before!);
        }

        Assert.Fail($"condition not reached within {maxSteps} steps");
    }

    private static ILocator NodeCard(IPage page, string name) => page.Locator($"article.node-card[aria-label='{name}']");

    [Fact]
    public async Task After_stepping_back_from_a_violation_the_monitors_the_node_cards_and_the_drawing_all_show_the_same_earlier_moment()
    {
        var page = await OpenLabAsync(app, "?scenario=3pc-partition-timeout-detector&t=100000");
        await Expect(page.GetByTestId("atomicity")).ToContainTextAsync("Atomicity violated");
        var end = await page.GetByTestId("lab").GetAttributeAsync("data-events");

        // Back, one event at a time, until the monitor says atomicity holds again.
        for (var i = 0; i < 100 && (await page.GetByTestId("atomicity").TextContentAsync())!.Contains("violated", StringComparison.Ordinal); i++)
        {
            var before = await page.GetByTestId("lab").GetAttributeAsync("data-events");
            await page.GetByTestId("step-back").ClickAsync();
            await Expect(page.GetByTestId("lab")).Not.ToHaveAttributeAsync("data-events", before!);
        }

        await Expect(page.GetByTestId("atomicity")).ToContainTextAsync("Atomicity holds");
        await Expect(page.GetByTestId("lab")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bhas-violation\\b"));
        var events = await page.GetByTestId("lab").GetAttributeAsync("data-events");
        Assert.NotEqual(end, events);
        await Expect(page.GetByTestId("stage")).ToHaveAttributeAsync("data-events", events!);
        foreach (var node in new[] { "L", "P1", "P2", "P3" })
        {
            // The card and the drawing say the same thing about every node: one frame, one moment.
            var card = (await NodeCard(page, node).Locator(".status").TextContentAsync())!.Trim();
            var drawn = await page.Locator($"g.node[data-node='{node}'] circle.hit").GetAttributeAsync("aria-label");
            Assert.StartsWith($"{node} {card},", drawn, StringComparison.Ordinal);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_fault_free_2pc_run_plays_to_commit()
    {
        var page = await OpenLabAsync(app);

        await FastForwardAsync(page);

        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("Committed.");
        await Expect(page.GetByTestId("atomicity")).ToContainTextAsync("Atomicity holds");
        await Expect(page.Locator("g.node.phase-committed")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("narration")).ToContainTextAsync("PREPARED");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Crashing_L_right_after_it_logs_commit_blocks_everyone_with_locks_held_and_recovering_L_commits()
    {
        var page = await OpenLabAsync(app);
        await StepUntilAsync(page, async () => (await NodeCard(page, "L").TextContentAsync() ?? "").Contains("COMMIT (forced)", StringComparison.Ordinal));

        await page.Locator("g.node[data-node='L']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash L" }).ClickAsync();
        await Expect(page.Locator("g.node[data-node='L']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await FastForwardAsync(page);

        var blocking = page.GetByTestId("blocking");
        await Expect(blocking).ToContainTextAsync("P1");
        await Expect(blocking).ToContainTextAsync("P2");
        await Expect(blocking).ToContainTextAsync("P3");
        foreach (var p in new[] { "P1", "P2", "P3" })
        {
            await Expect(NodeCard(page, p)).ToContainTextAsync("Blocked, holding locks for");
            await Expect(NodeCard(page, p)).ToContainTextAsync("T1, held");
        }

        // The run paused itself once it stood still.
        await Expect(page.GetByTestId("held-at-standstill")).ToBeVisibleAsync();
        await page.Locator("g.node[data-node='L']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Recover L" }).ClickAsync();
        await page.GetByTestId("play").ClickAsync();

        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("Committed.");
        await Expect(page.Locator("g.node.phase-committed")).ToHaveCountAsync(4);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_a_link_and_cutting_it_draws_it_cut()
    {
        var page = await OpenLabAsync(app);

        await page.Locator("g.link[data-link='L-P1']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cut L–P1", Exact = true }).ClickAsync();

        await Expect(page.Locator("g.link[data-link='L-P1']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bcut\\b"));
        await Expect(page.Locator("g.message[data-kind='prepare']")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_a_message_in_flight_and_dropping_it_makes_it_vanish()
    {
        var page = await OpenLabAsync(app);
        var first = page.Locator("g.message[data-kind='prepare']").First;
        var id = await first.GetAttributeAsync("data-message");

        await first.ClickAsync();
        await page.GetByTestId("fault-drop").ClickAsync();

        await Expect(page.Locator($"g.message[data-message='{id}']")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("narration")).ToContainTextAsync("dropped");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Selecting_a_message_while_playing_at_default_speed_holds_the_run_until_it_is_dropped()
    {
        var page = await OpenLabAsync(app);
        await Expect(page.GetByTestId("speed")).ToHaveTextAsync("1x");
        await page.GetByTestId("play").ClickAsync();
        await Expect(page.GetByTestId("clock")).Not.ToHaveTextAsync("0 ms");

        // Markers move every frame while playing; a dispatched click does not wait for them to settle.
        var message = page.Locator("g.message[data-kind='prepare']").First;
        var id = await message.GetAttributeAsync("data-message");
        await message.DispatchEventAsync("click");
        await Expect(page.GetByTestId("selection-hold")).ToContainTextAsync("Paused while you choose");
        await Expect(page.GetByTestId("pause")).ToHaveCountAsync(0);
        var held = (await page.GetByTestId("clock").TextContentAsync())!;

        // 120 animation frames, about 2 s: 50 ms of protocol time at 1x, more than any link's
        // latency (40 ms), so an unheld message would have arrived and the clock moved on.
        await page.EvaluateAsync("() => new Promise(done => { let n = 0; const frame = () => ++n >= 120 ? done() : requestAnimationFrame(frame); requestAnimationFrame(frame); })");
        await Expect(page.GetByTestId("clock")).ToHaveTextAsync(held);
        await Expect(page.Locator($"g.message[data-message='{id}']")).ToHaveCountAsync(1);

        await page.GetByTestId("fault-drop").ClickAsync();

        await Expect(page.Locator($"g.message[data-message='{id}']")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("narration")).ToContainTextAsync("dropped");
        await Expect(page.GetByTestId("selection-hold")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("clock")).Not.ToHaveTextAsync(held); // it was playing, so it plays on
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Escape_cancels_a_selection_and_the_run_plays_on()
    {
        var page = await OpenLabAsync(app);
        await page.GetByTestId("play").ClickAsync();
        var p2 = page.Locator("g.node[data-node='P2'] circle.hit");
        await p2.FocusAsync();
        await p2.DispatchEventAsync("click");
        await Expect(page.GetByTestId("selection-hold")).ToBeVisibleAsync();
        var held = (await page.GetByTestId("clock").TextContentAsync())!;

        await page.Keyboard.PressAsync("Escape");

        await Expect(page.GetByTestId("selection-hold")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("selection")).ToContainTextAsync("nothing");
        await Expect(page.GetByTestId("clock")).Not.ToHaveTextAsync(held);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Scrubbing_back_and_injecting_a_fault_starts_a_branch()
    {
        var page = await OpenLabAsync(app);
        await FastForwardAsync(page);
        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("Committed.");

        await Expect(page.GetByTestId("play")).ToBeDisabledAsync();
        await RangeInput.SetAsync(page.GetByTestId("timeline"), "60");
        await Expect(page.GetByTestId("clock")).ToHaveTextAsync("60 ms");
        await Expect(page.GetByTestId("behind-head")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("outcome")).ToHaveCountAsync(0);

        await page.Locator("g.node[data-node='L']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash L" }).ClickAsync();

        await Expect(page.GetByText("Branched at 60 ms.")).ToBeVisibleAsync();
        await FastForwardAsync(page);
        // In the branch L died before deciding: everyone who voted yes is now stuck.
        await Expect(page.GetByTestId("blocking")).ToContainTextAsync("P1");
        await Expect(page.Locator("g.node[data-node='L']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_shared_link_opens_the_same_run_in_a_fresh_browser()
    {
        var page = await OpenLabAsync(app);
        await StepUntilAsync(page, async () => await page.Locator("g.message[data-kind='vote-yes']").CountAsync() > 0);
        await page.Locator("g.node[data-node='P2']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash P2" }).ClickAsync();
        await page.GetByTestId("step").ClickAsync();
        await page.GetByTestId("share").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("run="));
        var hash = await page.GetByTestId("lab").GetAttributeAsync("data-trace-hash");

        var other = await app.NewPageAsync();
        await other.GotoAsync(page.Url);
        await Expect(other.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");

        await Expect(other.GetByTestId("lab")).ToHaveAttributeAsync("data-trace-hash", hash!);
        await Expect(other.Locator("g.node[data-node='P2']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task The_3pc_partition_scenario_with_a_timeout_detector_shows_the_violation()
    {
        var page = await OpenLabAsync(app, "?scenario=3pc-partition-timeout-detector");

        await FastForwardAsync(page);

        await Expect(page.GetByTestId("violation")).ToContainTextAsync("Atomicity violated.");
        await Expect(page.GetByTestId("atomicity")).ToContainTextAsync("Atomicity violated");
        await Expect(page.GetByTestId("lab")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-violation"));
        await Expect(page.Locator("g.node.conflict")).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_bad_shared_link_says_what_is_wrong_and_the_lab_still_works()
    {
        var page = await OpenLabAsync(app, "?run=!!!broken");

        await Expect(page.GetByTestId("load-error")).ToContainTextAsync("not valid base64url");
        await FastForwardAsync(page);
        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("Committed.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_scenario_runs_with_the_keyboard_alone()
    {
        var page = await OpenLabAsync(app);

        // Reach the scenario picker with Tab, pick the blocking scenario with the arrow keys.
        await TabUntilAsync(page, "scenario-picker");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator(".run-title")).ToContainTextAsync("crashes");

        // Tab to Play and start it; crash nothing: the scenario's own fault does the work.
        await TabUntilAsync(page, "play");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("blocking")).ToContainTextAsync("P1");

        // Select L with the keyboard and recover it with its shortcut.
        await TabUntilAsync(page, null, "g.node[data-node='L'] .hit");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("selection")).ToContainTextAsync("L (coordinator");
        await page.Keyboard.PressAsync("r");
        await Expect(page.Locator("g.node[data-node='L']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await page.Context.CloseAsync();
    }

    private static async Task TabUntilAsync(IPage page, string? testId, string? selector = null)
    {
        for (var i = 0; i < 80; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var matches = testId is not null
                ? await page.EvaluateAsync<bool>("id => document.activeElement?.getAttribute('data-testid') === id", testId)
                : await page.EvaluateAsync<bool>("sel => document.activeElement?.matches(sel) ?? false", selector);
            if (matches)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {testId ?? selector}");
    }

    [Fact]
    public async Task Exporting_a_trace_and_importing_it_back_replays_the_same_run_and_a_bad_file_is_refused()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-leader-crash-then-recover");
        await StepUntilAsync(page, async () => await page.Locator("g.message[data-kind='vote-yes']").CountAsync() > 0);
        var hash = await page.GetByTestId("lab").GetAttributeAsync("data-trace-hash");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Trace", Exact = true }).ClickAsync());
        var exported = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains("\"format\": \"commitlab-trace/1\"", exported, StringComparison.Ordinal);
        var svg = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Diagram", Exact = true }).ClickAsync());
        Assert.StartsWith("<?xml", await File.ReadAllTextAsync(await svg.PathAsync()), StringComparison.Ordinal);

        var other = await OpenLabAsync(app);
        await other.GetByTestId("import").SetInputFilesAsync(new FilePayload { Name = "broken.yaml", MimeType = "text/yaml", Buffer = "protocol: 4pc\nparticipants: 3\n"u8.ToArray() });
        await Expect(other.GetByTestId("load-error")).ToContainTextAsync("broken.yaml:1");

        await other.GetByTestId("import").SetInputFilesAsync(new FilePayload { Name = "run.json", MimeType = "application/json", Buffer = System.Text.Encoding.UTF8.GetBytes(exported) });
        await Expect(other.GetByTestId("lab")).ToHaveAttributeAsync("data-trace-hash", hash!);
        await Expect(other.Locator(".run-title")).ToContainTextAsync("recover");
        await page.Context.CloseAsync();
        await other.Context.CloseAsync();
    }

    [Fact]
    public async Task There_is_one_view_for_a_projector_and_an_old_presenter_link_opens_it()
    {
        var page = await OpenLabAsync(app, "?scenario=3pc-happy-path&presenter=true");

        // One toggle, one name: the presenter button is gone, its links open the projector view.
        await Expect(page.GetByTestId("presenter")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("presenter", System.Text.RegularExpressions.RegexOptions.IgnoreCase) })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("projector-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("section.nodes")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("narration")).ToHaveCountAsync(0);

        await page.GetByTestId("projector-toggle").ClickAsync();

        await Expect(page.Locator("section.nodes")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("narration")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId("projector-toggle")).ToHaveAttributeAsync("aria-pressed", "false");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("light", 1280, 800)]
    [InlineData("dark", 1280, 800)]
    [InlineData("light", 390, 844)]
    [InlineData("dark", 390, 844)]
    public async Task The_lab_has_no_serious_or_critical_axe_violations(string scheme, int width, int height)
    {
        var page = await app.NewPageAsync(scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/lab?scenario=2pc-leader-crash-after-commit");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await FastForwardAsync(page);
        await Expect(page.GetByTestId("blocking")).ToContainTextAsync("P3");

        var violations = await AxeAudit.BlockingViolationsAsync(page);

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        await page.Context.CloseAsync();
    }
}
