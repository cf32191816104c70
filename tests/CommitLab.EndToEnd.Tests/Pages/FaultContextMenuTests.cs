using System.Text.RegularExpressions;
using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>Right-click (or long-press, or Shift+F10) on a node, link or message opens its faults beside it.</summary>
[Collection(AppCollection.Name)]
public sealed class FaultContextMenuTests(AppFixture app)
{
    [Fact]
    public async Task Right_clicking_a_message_in_flight_holds_the_run_and_its_menu_drops_it()
    {
        var page = await OpenLabAsync(app);
        await page.GetByTestId("play").ClickAsync();
        await Expect(page.GetByTestId("clock")).Not.ToHaveTextAsync("0 ms");

        // Markers move every frame while playing; a dispatched event does not wait for them to settle.
        var message = page.Locator("g.message[data-kind='prepare']").First;
        var id = await message.GetAttributeAsync("data-message");
        await message.DispatchEventAsync("contextmenu");

        var menu = page.GetByRole(AriaRole.Menu);
        await Expect(menu).ToBeVisibleAsync();
        await Expect(page.GetByTestId("selection-hold")).ToContainTextAsync("Paused while you choose");
        var held = (await page.GetByTestId("clock").TextContentAsync())!;
        await Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = $"Drop PREPARE #{id}" })).ToBeFocusedAsync();

        await menu.GetByRole(AriaRole.Menuitem, new() { Name = $"Drop PREPARE #{id}" }).ClickAsync();

        await Expect(menu).ToHaveCountAsync(0);
        await Expect(page.Locator($"g.message[data-message='{id}']")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("narration")).ToContainTextAsync("dropped");
        await Expect(page.GetByTestId("clock")).Not.ToHaveTextAsync(held); // it was playing, so it plays on
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Right_clicking_a_link_offers_to_cut_it_and_the_cut_is_drawn()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-happy-path");

        await page.Locator("g.link[data-link='L-P3']").ClickAsync(new() { Button = MouseButton.Right });
        var menu = page.GetByRole(AriaRole.Menu, new() { Name = "Faults for link L–P3" });
        await Expect(menu).ToBeVisibleAsync();
        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "Cut L–P3", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);
        await Expect(page.Locator("g.link[data-link='L-P3']")).ToHaveClassAsync(new Regex("\\bcut\\b"));
        await Expect(page.GetByTestId("hand-fault")).ToContainTextAsync("cut L–P3");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Shift_F10_on_a_focused_node_opens_its_menu_arrows_walk_it_and_Escape_closes_it_and_releases_the_run()
    {
        var page = await OpenLabAsync(app);
        await page.GetByTestId("play").ClickAsync();
        var p2 = page.Locator("g.node[data-node='P2'] circle.hit");
        await p2.FocusAsync();

        await page.Keyboard.PressAsync("Shift+F10");

        var menu = page.GetByRole(AriaRole.Menu);
        await Expect(menu).ToBeVisibleAsync();
        await Expect(page.GetByTestId("selection-hold")).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Crash P2" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Freeze P2 for 400 ms" })).ToBeFocusedAsync();
        var held = (await page.GetByTestId("clock").TextContentAsync())!;

        await page.Keyboard.PressAsync("Escape");

        await Expect(menu).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("selection-hold")).ToHaveCountAsync(0);
        await Expect(p2).ToBeFocusedAsync();
        await Expect(page.GetByTestId("clock")).Not.ToHaveTextAsync(held);
        await Expect(page.Locator("g.node[data-node='P2']")).Not.ToHaveClassAsync(new Regex("\\bdown\\b"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_context_menu_key_on_a_crashed_node_offers_recover()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-happy-path");
        var p1 = page.Locator("g.node[data-node='P1'] circle.hit");
        await p1.FocusAsync();
        await page.Keyboard.PressAsync("ContextMenu");
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Crash P1" }).ClickAsync();
        await Expect(page.Locator("g.node[data-node='P1']")).ToHaveClassAsync(new Regex("\\bdown\\b"));

        await p1.FocusAsync();
        await page.Keyboard.PressAsync("ContextMenu");

        var menu = page.GetByRole(AriaRole.Menu);
        await Expect(menu.GetByRole(AriaRole.Menuitem)).ToHaveTextAsync(["Recover P1", "Cancel Esc"]);
        await page.Context.CloseAsync();
    }
}
