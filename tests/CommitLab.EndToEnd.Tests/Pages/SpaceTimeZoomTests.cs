using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The space-time diagram zooms with buttons, keys and Ctrl+wheel, pans by dragging, and resets.</summary>
[Collection(AppCollection.Name)]
public sealed class SpaceTimeZoomTests(AppFixture app)
{
    [Fact]
    public async Task Zooming_in_doubles_the_drawing_dragging_pans_it_and_reset_restores_it()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-happy-path&t=400");
        var diagram = page.GetByTestId("space-time-scroll");
        var drawing = diagram.Locator("svg");
        var actual = (await drawing.BoundingBoxAsync())!.Width;
        await Expect(page.GetByTestId("space-time-zoom")).ToHaveTextAsync("100%");

        await page.GetByTestId("space-time-zoom-in").ClickAsync();
        await page.GetByTestId("space-time-zoom-in").ClickAsync();

        await Expect(page.GetByTestId("space-time-zoom")).ToHaveTextAsync("200%");
        await DrawnAtAsync(page, actual, 2);

        var box = (await diagram.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width - 40, box.Y + 60);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 40, box.Y + 60, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        Assert.True(await diagram.EvaluateAsync<double>("e => e.scrollLeft") > 0, "a drag to the left pans the diagram to later ticks");

        await page.GetByTestId("space-time-zoom-reset").ClickAsync();

        await Expect(page.GetByTestId("space-time-zoom")).ToHaveTextAsync("100%");
        await Expect(page.GetByTestId("space-time-zoom-reset")).ToBeDisabledAsync();
        await DrawnAtAsync(page, actual, 1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Keys_and_ctrl_wheel_on_the_diagram_zoom_it()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-happy-path&t=400");
        var diagram = page.GetByTestId("space-time-scroll");
        await diagram.FocusAsync();

        await page.Keyboard.PressAsync("+");
        await Expect(page.GetByTestId("space-time-zoom")).ToHaveTextAsync("150%");
        await page.Keyboard.PressAsync("-");
        await page.Keyboard.PressAsync("-");
        await Expect(page.GetByTestId("space-time-zoom")).ToHaveTextAsync("75%");
        await page.Keyboard.PressAsync("0");
        await Expect(page.GetByTestId("space-time-zoom")).ToHaveTextAsync("100%");

        await diagram.HoverAsync();
        await page.Keyboard.DownAsync("Control");
        await page.Mouse.WheelAsync(0, -100);
        await page.Keyboard.UpAsync("Control");
        await Expect(page.GetByTestId("space-time-zoom")).ToHaveTextAsync("150%");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Arrow_keys_on_a_zoomed_diagram_pan_it_and_do_not_step_the_run()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-happy-path&t=60");
        var lab = page.GetByTestId("lab");
        var before = int.Parse(await lab.GetAttributeAsync("data-events") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        // Every event count the page shows from here on, in order.
        await lab.EvaluateAsync("lab => { window.eventCounts = []; new MutationObserver(() => window.eventCounts.push(lab.getAttribute('data-events'))).observe(lab, { attributes: true, attributeFilter: ['data-events'] }); }");
        var diagram = page.GetByTestId("space-time-scroll");
        var actual = (await diagram.Locator("svg").BoundingBoxAsync())!.Width;
        await diagram.FocusAsync();
        await page.Keyboard.PressAsync("+");
        await Expect(page.GetByTestId("space-time-zoom")).ToHaveTextAsync("150%");
        await Expect(diagram).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bzoomed\\b"));
        await DrawnAtAsync(page, actual, 1.5);
        await Expect(diagram).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("ArrowDown");

        // Panned by the browser at once, 60 px right and (as far as the diagram reaches) down; polled on a timer, not on animation frames.
        try
        {
            await page.WaitForFunctionAsync(
                "() => Math.round(document.querySelector('[data-testid=space-time-scroll]').scrollLeft) === 60",
                null, new() { PollingInterval = 50, Timeout = 10000 });
        }
        catch (TimeoutException)
        {
            // Say what the page looked like: which element had the focus, how far the diagram could scroll.
            var seen = await page.EvaluateAsync<string>("() => { const b = document.querySelector('[data-testid=space-time-scroll]'); const a = document.activeElement; return `left=${b.scrollLeft} width=${b.scrollWidth} client=${b.clientWidth} class=${b.className} active=${a && (a.tagName + '.' + a.className + '#' + (a.getAttribute('data-testid')||''))} events=${JSON.stringify(window.eventCounts)} zoom=${document.querySelector('[data-testid=space-time-zoom]').textContent}`; }");
            Assert.Fail("the arrow did not pan the zoomed diagram: " + seen);
        }
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForFunctionAsync(
            "() => Math.round(document.querySelector('[data-testid=space-time-scroll]').scrollLeft) === 0",
            null, new() { PollingInterval = 50 });

        // Then a step from outside the diagram: the one change of the event count is that step's.
        await lab.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        var next = (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Expect(lab).ToHaveAttributeAsync("data-events", next);
        Assert.Equal([next], await page.EvaluateAsync<string[]>("() => [...new Set(window.eventCounts)]"));
        await page.Context.CloseAsync();
    }

    /// <summary>Waits until the drawing is <paramref name="ratio"/> times its width at 100% (the browser lays out the new zoom after the render that sets it).</summary>
    private static async Task DrawnAtAsync(IPage page, double actual, double ratio) =>
        await page.WaitForFunctionAsync(
            "([actual, ratio]) => Math.abs(document.querySelector('[data-testid=space-time-scroll] svg').getBoundingClientRect().width / actual - ratio) < 0.01",
            new object[] { actual, ratio });
}
