using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class AccessibilityTests(AppFixture app)
{
    [Theory]
    [MemberData(nameof(AxeAudit.SchemesAndSizes), MemberType = typeof(AxeAudit))]
    public async Task Home_has_no_serious_or_critical_axe_violations(string scheme, int width, int height)
    {
        var page = await app.NewPageAsync(
            scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/");
        var button = page.GetByTestId("quick-run-button");
        await Expect(button).ToBeEnabledAsync();

        await AxeAudit.AssertNoBlockingViolationsAsync(page);

        // Again with a result on screen: its colours are audited too.
        await button.ClickAsync();
        await Expect(page.GetByTestId("quick-run-result")).ToContainTextAsync("committed");
        await AxeAudit.AssertNoBlockingViolationsAsync(page);
        await page.Context.CloseAsync();
    }

}
