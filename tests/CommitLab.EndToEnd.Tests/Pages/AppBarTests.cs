using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class AppBarTests(AppFixture app)
{
    [Fact]
    public async Task On_a_phone_the_sections_open_from_the_menu_button()
    {
        var page = await app.NewPageAsync(ColorScheme.Light, new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("quick-run-button")).ToBeEnabledAsync();
        await Expect(page.Locator("nav.site-nav")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sections" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Builder" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/builder$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Scenario builder");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_wide_screen_the_current_section_is_marked()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/generals");

        await Expect(page.Locator("nav.site-nav a[aria-current=page]")).ToHaveTextAsync("Two generals");
        await page.Context.CloseAsync();
    }
}
