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

    [Fact]
    public async Task On_a_touch_screen_a_held_press_opens_the_menu_and_a_tap_or_a_press_that_moves_does_not()
    {
        // iOS Safari sends no context menu event for a long press: the page's own half-second hold must open the menu.
        var context = await app.NewContextAsync(viewport: new ViewportSize { Width = 390, Height = 844 }, hasTouch: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/lab?scenario=2pc-happy-path");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.Locator("svg.network")).ToHaveAttributeAsync("data-layout", "phone");
        // Every menu that opens from here on, in order.
        await page.EvaluateAsync("""
            () => {
              window.menusOpened = [];
              const seen = new WeakSet();
              new MutationObserver(() => document.querySelectorAll('[role=menu]').forEach(m => {
                if (!seen.has(m)) { seen.add(m); window.menusOpened.push(m.getAttribute('aria-label')); }
              })).observe(document.body, { childList: true, subtree: true });
            }
            """);

        // A short tap selects P1, as a click does; no menu.
        var p1 = page.Locator("g.node[data-node='P1'] circle.hit");
        await p1.TapAsync();
        await Expect(p1).ToHaveAttributeAsync("aria-pressed", "true");

        // A press on P2 that slides away (the start of a scroll) is no long press.
        var p2 = page.Locator("g.node[data-node='P2'] circle.hit");
        await TouchAsync(p2, "pointerdown", pointer: 2);
        await TouchAsync(p2, "pointermove", pointer: 2, down: 40);

        // A finger held on P3 opens P3's menu, and the run holds still while it is open.
        var p3 = page.Locator("g.node[data-node='P3'] circle.hit");
        await TouchAsync(p3, "pointerdown", pointer: 3);
        var menu = page.GetByRole(AriaRole.Menu);
        await Expect(menu).ToBeVisibleAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-label", new Regex("^Faults for P3 "));
        await Expect(menu.GetByRole(AriaRole.Menuitem, new() { Name = "Crash P3" })).ToBeFocusedAsync();

        // Lifting the finger clicks where it was: that click must not reach P3 (it would select it again and close the menu).
        await TouchAsync(p3, "pointerup", pointer: 3);
        var reachedPage = await p3.EvaluateAsync<bool>("""
            hit => {
              let reached = false;
              const listen = () => { reached = true; };
              document.addEventListener('click', listen);
              hit.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
              document.removeEventListener('click', listen);
              return reached;
            }
            """);
        Assert.False(reachedPage, "the click of the lifted finger reached the drawing");

        await menu.GetByRole(AriaRole.Menuitem, new() { Name = "Crash P3" }).TapAsync();
        await Expect(page.Locator("g.node[data-node='P3']")).ToHaveClassAsync(new Regex("\\bdown\\b"));
        Assert.Equal(["Faults for P3 (participant, working)"], await page.EvaluateAsync<string[]>("() => window.menusOpened"));
        await context.CloseAsync();
    }

    /// <summary>A finger's pointer event at the middle of <paramref name="target"/>, or <paramref name="down"/> px under it.</summary>
    private static async Task TouchAsync(ILocator target, string type, int pointer, double down = 0) =>
        await target.EvaluateAsync("""
            (el, [type, pointer, down]) => {
              const box = el.getBoundingClientRect();
              el.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, pointerType: 'touch', isPrimary: true, pointerId: pointer,
                clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 + down }));
            }
            """, new object[] { type, pointer, down });
}
