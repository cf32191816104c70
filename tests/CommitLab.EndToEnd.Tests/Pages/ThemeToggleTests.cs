using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

[Collection(AppCollection.Name)]
public sealed class ThemeToggleTests(AppFixture app)
{
    [Fact]
    public async Task A_first_visit_follows_the_system_scheme()
    {
        var page = await app.NewPageAsync(ColorScheme.Dark);
        await page.GotoAsync("/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to the light theme");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_toggle_switches_the_scheme_and_the_next_page_opens_in_it()
    {
        var page = await app.NewPageAsync(ColorScheme.Light);
        await page.GotoAsync("/");
        await Expect(page.GetByTestId("quick-run-button")).ToBeEnabledAsync();

        await page.GetByTestId("theme-toggle").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(14, 17, 23)");
        await Expect(page.Locator(".mud-appbar")).ToHaveCSSAsync("background-color", "rgb(22, 27, 36)");

        // The server renders the next page in the chosen scheme (no light flash), and the app bar agrees.
        var response = await page.APIRequest.GetAsync("/lessons");
        Assert.Contains("data-theme=\"dark\"", await response.TextAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/lessons");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("data-theme", "dark");
        await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to the light theme");
        await page.Context.CloseAsync();
    }
}
