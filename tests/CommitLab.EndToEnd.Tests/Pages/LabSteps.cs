using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The steps the Lab's browser tests share: open the Lab live, and play at full speed.</summary>
internal static class LabSteps
{
    /// <summary>Opens /lab with a query and waits for the live circuit: the prerendered page looks the same but ignores clicks.</summary>
    public static async Task<IPage> OpenLabAsync(AppFixture app, string query = "", ColorScheme scheme = ColorScheme.Light)
    {
        var page = await app.NewPageAsync(scheme);
        await page.GotoAsync("/lab" + query);
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        return page;
    }

    /// <summary>Sets the speed to 10x, as a drag of the slider would, and presses Play.</summary>
    public static async Task FastForwardAsync(IPage page)
    {
        await RangeInput.SetAsync(page.GetByLabel("Playback speed, 0.1x to 10x"), "1");
        await Expect(page.GetByTestId("speed")).ToHaveTextAsync("10x");
        await page.GetByTestId("play").ClickAsync();
    }
}
