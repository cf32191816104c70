using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.ClassroomSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// Every response carries a Content-Security-Policy that admits only this server's scripts (and the
/// page's one nonce-marked import map), and the pages still work under it: Chromium reports no
/// violation while they load, connect their circuit and run.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SecurityHeaderTests(AppFixture app)
{
    // Recorded by the page itself, so a violation cannot go unnoticed between two console reads.
    private const string ViolationRecorder = """
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
        """;

    [Theory]
    [InlineData("/")]
    [InlineData("/css/site.css")]
    [InlineData("/not-a-page")]
    public async Task Pages_assets_and_errors_carry_the_policy_nosniff_and_no_referrer(string path)
    {
        var page = await app.NewPageAsync();
        var response = await page.APIRequest.GetAsync(path);

        var policy = response.Headers["content-security-policy"];
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        // 'wasm-unsafe-eval' lets the student page's .NET runtime compile WebAssembly; no script text is evaluated.
        Assert.Matches(@"script-src 'self' 'nonce-[0-9a-f]{32}' 'wasm-unsafe-eval';", policy);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:", policy, StringComparison.Ordinal);
        Assert.Contains($"wss://{app.BaseUrl.Authority}", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        Assert.Equal("no-referrer", response.Headers["referrer-policy"]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Each_response_has_its_own_nonce_and_the_import_map_carries_it()
    {
        var page = await app.NewPageAsync();
        var first = await page.APIRequest.GetAsync("/lab");
        var second = await page.APIRequest.GetAsync("/lab");

        var nonce = System.Text.RegularExpressions.Regex.Match(first.Headers["content-security-policy"], "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEqual(first.Headers["content-security-policy"], second.Headers["content-security-policy"]);
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", await first.TextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Pages_load_connect_and_run_under_the_policy_without_a_violation()
    {
        var context = await app.NewContextAsync();
        await context.AddInitScriptAsync(ViolationRecorder);
        var consoleErrors = new List<string>();
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await Expect(page.GetByTestId("quick-run-button")).ToBeEnabledAsync();
        await AssertNoViolationAsync(page, "/");

        await page.GotoAsync("/lab?scenario=2pc-happy-path");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await page.GetByTestId("step").ClickAsync();
        await Expect(page.GetByTestId("lab")).Not.ToHaveAttributeAsync("data-events", "0");
        await AssertNoViolationAsync(page, "/lab");

        foreach (var path in new[] { "/lessons", "/lessons/blocking", "/generals" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("[data-interactive=true]").First).ToBeAttachedAsync();
            await AssertNoViolationAsync(page, path);
        }

        await OpenRoomAsync(page, "2pc-happy-path");
        await AssertNoViolationAsync(page, "the console");

        Assert.DoesNotContain(consoleErrors, text => text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        await context.CloseAsync();
    }

    private static async Task AssertNoViolationAsync(IPage page, string where)
    {
        var violations = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.True(violations.Length == 0, $"{where}: {string.Join("; ", violations)}");
    }
}
