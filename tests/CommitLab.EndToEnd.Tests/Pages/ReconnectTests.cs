using CommitLab.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// The reconnect dialog is written against the 9.0 client script's API (see ReconnectModal.razor.js);
/// this proves it on a real server restart.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ReconnectTests(AppFixture app)
{
    [Fact]
    public async Task After_a_server_restart_the_page_shows_the_dialog_then_reloads_and_works()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        var button = page.GetByTestId("quick-run-button");
        var result = page.GetByTestId("quick-run-result");
        await button.ClickAsync();
        await Expect(result).ToContainTextAsync("committed");

        var dialog = page.Locator("#components-reconnect-modal");
        try
        {
            await app.StopServerAsync();
            await Expect(dialog).ToBeVisibleAsync();
            await Expect(dialog).ToContainTextAsync("Connection lost");
        }
        finally
        {
            await app.StartServerAgainAsync();
        }

        // The new server does not know the old session, so the page reloads itself: the earlier
        // result is gone and the button works again.
        await Expect(result).ToContainTextAsync("No run yet", new() { Timeout = 30_000 });
        await Expect(dialog).Not.ToBeVisibleAsync();
        await button.ClickAsync();
        await Expect(result).ToContainTextAsync("committed");
        await page.Context.CloseAsync();
    }
}
