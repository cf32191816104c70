using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The Tahoe-LAFS scenarios in the Lab: pick one from the picker, run it, read the verdict.</summary>
[Collection(AppCollection.Name)]
public sealed class TahoeLabTests(AppFixture app)
{
    [Fact]
    public async Task Uncoordinated_writers_lose_an_update_and_2pc_leaves_every_server_on_the_same_version()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lab");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");

        await page.GetByTestId("scenario-picker").SelectOptionAsync("tahoe-uncoordinated");
        var panel = page.GetByTestId("tahoe-panel");
        await Expect(panel).ToHaveAttributeAsync("data-mode", "uncoordinated");
        await page.GetByTestId("tahoe-run-to-end").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-finished", "true");
        var outcome = page.GetByTestId("tahoe-outcome");
        await Expect(outcome).ToContainTextAsync("Lost update.");
        await Expect(outcome).ToContainTextAsync("W1's update was lost and nobody was told");
        await Expect(page.GetByTestId("tahoe-agree")).ToContainTextAsync("Servers disagree");

        await page.GetByTestId("scenario-picker").SelectOptionAsync("tahoe-2pc");
        await Expect(panel).ToHaveAttributeAsync("data-mode", "2pc");
        await Expect(panel).ToHaveAttributeAsync("data-finished", "false");
        await page.GetByTestId("tahoe-run-to-end").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-finished", "true");
        await Expect(page.GetByTestId("tahoe-outcome")).ToContainTextAsync("Every server on the same version.");
        await Expect(page.GetByTestId("tahoe-agree")).ToContainTextAsync("Servers agree");
        foreach (var server in new[] { "S1", "S2", "S3" })
        {
            await Expect(page.GetByTestId($"tahoe-holds-{server}")).ToHaveTextAsync("W1#2");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_server_crashed_by_clicking_it_holds_both_writers_until_recovered_from_the_keyboard()
    {
        var page = await TwoPhaseAt60MsAsync();
        var panel = page.GetByTestId("tahoe-panel");
        await Expect(page.GetByTestId("tahoe-behind-head")).ToBeVisibleAsync();

        await panel.Locator("[data-node=S2] .hit").ClickAsync();
        await Expect(page.GetByTestId("tahoe-hand-faults")).ToHaveTextAsync("Yours: crash S2 at 60 ms");
        await Expect(page.GetByTestId("tahoe-server-S2")).ToContainTextAsync("S2 (down)");
        await Expect(panel).ToContainTextAsync("Branched at 60 ms.");

        await page.GetByTestId("tahoe-run-to-end").ClickAsync();
        await Expect(page.GetByTestId("tahoe-outcome")).ToContainTextAsync("The run stopped before W1 and W2 finished.");
        await Expect(page.GetByTestId("tahoe-writer-W1")).ToContainTextAsync("aborting");

        // Back to 400 ms and recover S2 without the mouse: the fault button says what it will do.
        await RangeInput.SetAsync(page.GetByTestId("tahoe-timeline"), "400");
        var recover = page.GetByTestId("tahoe-fault-S2");
        await Expect(recover).ToHaveTextAsync("Recover S2");
        await recover.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("tahoe-hand-faults")).ToHaveTextAsync("Yours: crash S2 at 60 ms, recover S2 at 400 ms");

        await page.GetByTestId("tahoe-run-to-end").ClickAsync();
        await Expect(page.GetByTestId("tahoe-outcome")).ToContainTextAsync("Every server on the same version.");
        foreach (var server in new[] { "S1", "S2", "S3" })
        {
            await Expect(page.GetByTestId($"tahoe-holds-{server}")).ToHaveTextAsync("W2#2");
        }

        // A link takes the keyboard too, and removing the hand faults gives the clean run back.
        await panel.Locator("[data-wire='W1-S3']").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(panel.Locator("line.wire.cut")).ToHaveCountAsync(1);
        await page.GetByTestId("tahoe-clear-faults").ClickAsync();
        await Expect(page.GetByTestId("tahoe-hand-faults")).ToHaveCountAsync(0);
        await Expect(panel.Locator("line.wire.cut")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("tahoe-holds-S1")).ToHaveTextAsync("W1#2");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_shared_tahoe_run_opens_elsewhere_at_the_same_moment_with_the_same_faults()
    {
        var page = await TwoPhaseAt60MsAsync();
        await page.GetByTestId("tahoe-fault-S2").ClickAsync();
        await Expect(page.GetByTestId("tahoe-hand-faults")).ToHaveTextAsync("Yours: crash S2 at 60 ms");

        await page.GetByTestId("share").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/lab\?tahoe=1\.[A-Za-z0-9_-]+&t=60$"));
        var link = page.Url;

        var other = await app.NewPageAsync();
        await other.GotoAsync(link);
        await Expect(other.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(other.GetByTestId("tahoe-clock")).ToHaveTextAsync("60 ms");
        await Expect(other.GetByTestId("tahoe-server-S2")).ToContainTextAsync("S2 (down)");
        await other.GetByTestId("tahoe-run-to-end").ClickAsync();
        await Expect(other.GetByTestId("tahoe-outcome")).ToContainTextAsync("The run stopped before W1 and W2 finished.");
        await other.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_mode_selector_switches_to_the_magic_folder_and_play_runs_it_to_a_visible_conflict()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lab?scenario=tahoe-2pc");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");

        await page.GetByTestId("tahoe-mode-magic-folder").CheckAsync();
        var panel = page.GetByTestId("tahoe-panel");
        await Expect(panel).ToHaveAttributeAsync("data-mode", "magic-folder");
        await page.GetByTestId("tahoe-play").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-finished", "true", new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("tahoe-outcome")).ToContainTextAsync("Conflict kept visible.");
        await Expect(page.GetByTestId("tahoe-reader")).ToContainTextAsync("conflict: W1 and W2 edited notes.txt concurrently");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Lesson_9s_2pc_lab_stops_before_S2_votes_no_and_goes_on_once_the_prediction_is_answered()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lessons/tahoe-lafs-and-the-magic-folder");
        await Expect(page.GetByTestId("lesson")).ToHaveAttributeAsync("data-interactive", "true");

        var lab = page.GetByTestId("lesson-lab-2");
        await lab.GetByTestId("tahoe-play").ClickAsync();
        await Expect(lab.GetByTestId("prediction-pause")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(lab).ToHaveAttributeAsync("data-tick", "100");
        await Expect(lab.GetByTestId("tahoe-play")).ToHaveCountAsync(0);
        await Expect(lab.GetByTestId("tahoe-holds-S2")).ToHaveTextAsync("v0");

        var prediction = page.GetByTestId("quiz-q1");
        await prediction.GetByRole(AriaRole.Radio, new() { Name = "S2 votes no, and W2 aborts on every server, backs off and can retry on top of the version that wins" }).CheckAsync();
        await prediction.GetByTestId("check-q1").ClickAsync();
        await Expect(prediction.GetByRole(AriaRole.Status)).ToContainTextAsync("Your prediction matched");
        await lab.GetByTestId("tahoe-play").ClickAsync();
        await Expect(lab.GetByTestId("tahoe-outcome")).ToContainTextAsync("Every server on the same version.", new() { Timeout = 30_000 });
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("light", 1280, 800)]
    [InlineData("dark", 390, 844)]
    public async Task The_tahoe_panel_has_no_serious_or_critical_axe_violations(string scheme, int width, int height)
    {
        var page = await app.NewPageAsync(scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/lab?scenario=tahoe-2pc&t=100");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        AssertNone(await AxeAudit.BlockingViolationsAsync(page));

        await page.GetByTestId("tahoe-mode-uncoordinated").CheckAsync();
        await page.GetByTestId("tahoe-run-to-end").ClickAsync();
        await Expect(page.GetByTestId("tahoe-outcome")).ToContainTextAsync("Lost update.");
        AssertNone(await AxeAudit.BlockingViolationsAsync(page));
        await page.Context.CloseAsync();
    }

    private static void AssertNone(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));

    /// <summary>
    /// The 2PC Tahoe lab, run once to the end so the timeline spans the whole run, then scrubbed back
    /// to 60 ms: the middle of the prepare round, where a crash hurts most.
    /// </summary>
    private async Task<IPage> TwoPhaseAt60MsAsync()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lab?scenario=tahoe-2pc");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId("tahoe-run-to-end").ClickAsync();
        await Expect(page.GetByTestId("tahoe-panel")).ToHaveAttributeAsync("data-finished", "true");
        await RangeInput.SetAsync(page.GetByTestId("tahoe-timeline"), "60");
        await Expect(page.GetByTestId("tahoe-clock")).ToHaveTextAsync("60 ms");
        return page;
    }
}
