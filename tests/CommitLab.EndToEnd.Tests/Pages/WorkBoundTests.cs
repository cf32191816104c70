using System.Text;
using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// Attacks from the hardening report, against the real server: one request must not buy seconds of
/// CPU and hundreds of MB, and a run that reaches a bound must say so and leave the page working.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class WorkBoundTests(AppFixture app)
{
    /// <summary>
    /// Nine participants blocked behind a crashed leader, asking each other every tick: about 160
    /// events per tick. Before the event bound, t=10,000 replayed 1.6 million events during prerender.
    /// </summary>
    private const string BusyScenario = """
        title: busy
        protocol: 2pc
        participants: 9
        network: { latency: [1, 1], loss: 0.0 }
        timeouts: { vote: 100000, decision: 1, resend: 1, detector: 1 }
        maxTicks: 1000000
        faults:
          - { when: "L logs commit", do: "crash L" }
        """;

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public async Task A_share_link_to_a_far_tick_of_a_busy_run_replays_only_up_to_the_event_limit_and_says_so(long tick)
    {
        using var http = new HttpClient { BaseAddress = app.BaseUrl };
        var run = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(BusyScenario));

        using var response = await http.GetAsync(new Uri($"lab?run={run}&t={tick}", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        // The number of events the page's session simulated: the work the request caused.
        Assert.Contains("data-events=\"100000\"", html, StringComparison.Ordinal);
        Assert.Contains("The run stopped after 100,000 events (its limit, maxEvents) at t=624", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_1001st_hand_fault_is_refused_with_a_reason_and_the_lab_keeps_working()
    {
        // 999 faults from the file, then two by hand: the 1,000th is taken, the 1,001st refused.
        var faults = string.Concat(Enumerable.Repeat("  - { at: 5000, do: \"freeze P1 for 1\" }\n", 999));
        var file = $"title: a thousand faults\nprotocol: 2pc\nparticipants: 3\nfaults:\n{faults}";
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lab");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId("import").SetInputFilesAsync(new FilePayload { Name = "thousand.yaml", MimeType = "text/yaml", Buffer = Encoding.UTF8.GetBytes(file) });
        await Expect(page.Locator(".run-facts")).ToContainTextAsync("999 fault(s)");

        await page.Locator("g.node[data-node='P2']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash P2" }).ClickAsync();
        await Expect(page.Locator(".run-facts")).ToContainTextAsync("1000 fault(s)");
        await Expect(page.Locator("g.node[data-node='P2']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));

        await page.Locator("g.node[data-node='L']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash L" }).ClickAsync();

        await Expect(page.Locator(".fault-console [role=alert]")).ToHaveTextAsync(
            "This run already has 1,000 faults, the most a run can take: scrub back and branch from an earlier moment, or start over, to add another.");
        await Expect(page.Locator("g.node[data-node='L']")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bdown\\b"));
        await Expect(page.Locator(".run-facts")).ToContainTextAsync("1000 fault(s)");
        await Expect(page.GetByTestId("lab-failure")).ToHaveCountAsync(0);

        // The page goes on: the run steps, and the keyboard still drives it.
        await page.GetByTestId("step").ClickAsync();
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-events", "1");
        await page.GetByTestId("lab").PressAsync("ArrowLeft");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-events", "0");
        await Expect(page.GetByTestId("lab-failure")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
