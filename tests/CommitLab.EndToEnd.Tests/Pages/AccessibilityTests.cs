using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class AccessibilityTests(AppFixture app)
{
    public static TheoryData<string, int, int> SchemesAndSizes => new()
    {
        { "light", 1280, 800 },
        { "dark", 1280, 800 },
        { "light", 390, 844 },
        { "dark", 390, 844 },
    };

    [Theory]
    [MemberData(nameof(SchemesAndSizes))]
    public async Task Home_has_no_serious_or_critical_axe_violations(string scheme, int width, int height)
    {
        var page = await app.NewPageAsync(
            scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/");
        var button = page.GetByTestId("quick-run-button");
        await Expect(button).ToBeEnabledAsync();

        AssertNone(await AxeAudit.BlockingViolationsAsync(page));

        // Again with a result on screen: its colours are audited too.
        await button.ClickAsync();
        await Expect(page.GetByTestId("quick-run-result")).ToContainTextAsync("committed");
        AssertNone(await AxeAudit.BlockingViolationsAsync(page));
        await page.Context.CloseAsync();
    }

    // Prints every violation in full; Assert.Empty would cut the descriptions short.
    private static void AssertNone(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
}
