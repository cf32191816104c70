using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>A run that cannot go on says so early, keeps its cause in view, and names what a crash or a cut left behind.</summary>
[Collection(AppCollection.Name)]
public sealed class BlockedRunTests(AppFixture app)
{
    [Fact]
    public async Task A_crashed_leader_is_named_in_words_and_the_block_is_called_long_before_the_time_limit()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-leader-crash-after-commit");
        await FastForwardAsync(page);

        await Expect(page.GetByTestId("crashed")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("L, the leader, has crashed"));
        await Expect(page.Locator("g.node[data-node='L'] .crashed-word")).ToHaveTextAsync("crashed");
        var standstill = page.GetByTestId("standstill");
        await Expect(standstill).ToContainTextAsync("Blocked: P1, P2 and P3 wait for L; only L's recovery can end this");
        await Expect(standstill).ToContainTextAsync("P2 asked");
        await Expect(page.GetByTestId("blocking")).ToContainTextAsync("only L's recovery can end this");

        // Called out within the first two seconds of protocol time, not at the 10,000 ms limit.
        var clock = await page.GetByTestId("clock").TextContentAsync() ?? "";
        Assert.True(long.Parse(clock.Replace(" ms", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture) < 2_000, clock);
        await Expect(page.GetByTestId("narration-cause")).ToContainTextAsync("L crashes");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Playback_pauses_at_the_standstill_says_so_and_plays_on_when_asked()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-leader-crash-after-commit");
        await FastForwardAsync(page);

        // The timer stopped by itself: Play is offered again and the clock stands still.
        await Expect(page.GetByTestId("held-at-standstill")).ToContainTextAsync("Playback paused here");
        await Expect(page.GetByTestId("play")).ToBeEnabledAsync();
        await Expect(page.GetByTestId("pause")).ToHaveCountAsync(0);
        var pausedAt = Ms(await page.GetByTestId("clock").TextContentAsync());
        Assert.True(pausedAt < 2_000, $"paused at {pausedAt} ms");

        // Playing again goes on asking, past the standstill, without pausing at it again.
        await page.GetByTestId("play").ClickAsync();
        await Expect(page.GetByTestId("held-at-standstill")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("clock")).Not.ToHaveTextAsync($"{pausedAt} ms");
        await page.WaitForFunctionAsync($"() => parseInt(document.querySelector('[data-testid=clock]').textContent) > {pausedAt + 500}");
        await Expect(page.GetByTestId("pause")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("standstill")).ToContainTextAsync("P2 asked");

        // The space-time diagram sums P2's repeats (asking, answering "don't know") up in one bracket instead of a pile of labels.
        await page.GetByTestId("pause").ClickAsync();
        var bracket = page.Locator(".space-time-scroll g.repeat[data-lane='P2'] text");
        await Expect(bracket).ToHaveCountAsync(1);
        await Expect(bracket).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^P2 (asked|answered “don't know”) \d+ times"));
        await page.Context.CloseAsync();
    }

    private static long Ms(string? clock) =>
        long.Parse((clock ?? "").Replace(" ms", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_participant_cut_off_before_prepare_is_said_to_hold_its_lock_and_resends_are_counted()
    {
        var page = await OpenLabAsync(app, "");
        await page.Locator("g.link[data-link='L-P3']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cut L–P3", Exact = true }).ClickAsync();
        await FastForwardAsync(page);

        await Expect(page.GetByTestId("blocking")).ToContainTextAsync("P3 holds its lock and cannot be told the outcome");
        var narration = page.GetByTestId("narration");
        await Expect(narration).ToContainTextAsync("The link between L and P3 is cut both ways");
        await Expect(narration).Not.ToContainTextAsync("while the other direction still works");
        await Expect(narration.Locator("li", new() { HasTextString = "L sends ABORT again to P3" })).ToHaveCountAsync(1);
        await Expect(narration).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"L sends ABORT again to P3.*\(\d+ times so far\)"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_outcome_log_run_never_shows_blocked()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-outcome-log");
        await FastForwardAsync(page);

        await Expect(page.GetByTestId("outcome")).ToContainTextAsync("Committed.");
        await Expect(page.GetByTestId("standstill")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("blocking")).Not.ToContainTextAsync("Blocked");
        await page.Context.CloseAsync();
    }
}
