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

    [Theory]
    [MemberData(nameof(AxeAudit.SchemesAndSizes), MemberType = typeof(AxeAudit))]
    public async Task Lab_projector_view_hand_faults_state_vector_and_fault_menu_have_no_serious_or_critical_axe_violations(string scheme, int width, int height)
    {
        var page = await app.NewPageAsync(
            scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/lab?scenario=2pc-leader-crash-after-commit&t=700");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await page.Locator("g.node[data-node='P1']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Crash P1", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("hand-fault")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("state-vector")).ToBeVisibleAsync();
        // The pointer would rest on the "Recover P1" button that replaced the one clicked; the audit is
        // of the page at rest, not of a hover colour.
        await page.Mouse.MoveAsync(0, 0);

        await AxeAudit.AssertNoBlockingViolationsAsync(page);

        // The context menu on a node, open over the drawing.
        await page.Locator("g.node[data-node='P2'] circle.hit").ClickAsync(new() { Button = MouseButton.Right });
        await Expect(page.GetByRole(AriaRole.Menu)).ToBeVisibleAsync();
        await AxeAudit.AssertNoBlockingViolationsAsync(page);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);

        await page.GetByTestId("projector-toggle").ClickAsync();
        await Expect(page.GetByTestId("projector-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await AxeAudit.AssertNoBlockingViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
