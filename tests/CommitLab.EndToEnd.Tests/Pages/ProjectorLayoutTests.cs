using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.ClassroomSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// On a projector the run must be visible while it is driven: at the usual projector resolutions
/// the whole network drawing is on screen, without scrolling, in the Lab (description shown), in
/// the projector view (the one view for a lecture hall; old presenter-mode links open it) and on
/// the instructor's console.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ProjectorLayoutTests(AppFixture app)
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1920, 1080)]
    public async Task The_whole_network_is_on_screen_in_the_lab_with_its_description(int width, int height)
    {
        var page = await app.NewPageAsync(viewport: new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/lab?scenario=2pc-happy-path");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId("run-description")).ToContainTextAsync("Two-phase commit with nothing going wrong");

        await AssertNetworkOnScreenAsync(page, width, height);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1920, 1080)]
    public async Task An_old_presenter_link_opens_the_projector_view_with_the_whole_network_on_screen_and_state_words_outside_the_circles(int width, int height)
    {
        var page = await app.NewPageAsync(viewport: new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/lab?scenario=3pc-happy-path&presenter=true");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId("projector-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("narration")).ToHaveCountAsync(0);
        // The address now names the one view, so leaving it and reloading does not bring it back.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=projector"));
        Assert.DoesNotContain("presenter", page.Url, StringComparison.Ordinal);

        await AssertNetworkOnScreenAsync(page, width, height);
        foreach (var node in new[] { "L", "P1", "P2", "P3" })
        {
            var circle = (await page.Locator($"g.node[data-node={node}] circle.body").BoundingBoxAsync())!;
            var word = (await page.Locator($"g.node[data-node={node}] text.state").BoundingBoxAsync())!;
            // L's word sits above its circle (its messages leave downwards); the participants' below.
            var clear = node == "L" ? word.Y + word.Height <= circle.Y + 1 : word.Y >= circle.Y + circle.Height - 1;
            Assert.True(clear, $"{node}'s state word overlaps its circle at {width}x{height}");
        }

        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1920, 1080)]
    public async Task The_whole_network_is_on_screen_on_the_console(int width, int height)
    {
        var page = await app.NewPageAsync(viewport: new ViewportSize { Width = width, Height = height });
        await OpenRoomAsync(page, "2pc-happy-path");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");

        await AssertNetworkOnScreenAsync(page, width, height);
        // The drawing answers the console's buttons where the instructor can see it.
        await page.GetByTestId("crash-leader").ClickAsync();
        await Expect(NodeState(page, "L")).ToHaveTextAsync("crashed");
        await AssertNetworkOnScreenAsync(page, width, height);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1920, 1080)]
    public async Task The_projector_view_hides_the_narration_and_keeps_the_whole_network_on_screen(int width, int height)
    {
        var page = await app.NewPageAsync(viewport: new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/lab?scenario=2pc-leader-crash-after-commit&t=700");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId("narration")).ToBeVisibleAsync();

        await page.Locator("body").PressAsync("p");

        await Expect(page.GetByTestId("narration")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("projector-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertNetworkOnScreenAsync(page, width, height);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_projector_view_is_one_key_away_fills_the_screen_with_the_run_and_survives_a_reload()
    {
        var page = await app.NewPageAsync(viewport: new ViewportSize { Width = 1920, Height = 1080 });
        await page.GotoAsync("/lab?scenario=2pc-leader-crash-after-commit&t=700");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId("narration")).ToBeVisibleAsync();

        await page.Locator("body").PressAsync("p");

        await Expect(page.GetByTestId("projector-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.GetByTestId("narration")).ToHaveCountAsync(0);
        await Expect(page.Locator("section.fault-console")).ToHaveCountAsync(0);
        await Expect(page.Locator("section.nodes")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view=projector"));
        await AssertRunFillsTheScreenAsync(page);

        await page.ReloadAsync();
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(page.GetByTestId("projector-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await AssertRunFillsTheScreenAsync(page);

        // The toggle is a button in the tab order: Enter on it brings the usual view back.
        await page.GetByTestId("projector-toggle").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("projector-toggle")).ToHaveTextAsync("Projector view");
        await Expect(page.GetByTestId("narration")).ToBeVisibleAsync();
        await Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("view="));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_consoles_projector_view_hides_the_poll_and_students_keeps_the_key_out_of_the_address_and_plays()
    {
        var page = await app.NewPageAsync(viewport: new ViewportSize { Width = 1920, Height = 1080 });
        await OpenRoomAsync(page, "2pc-leader-crash-after-commit");
        await Expect(page.GetByTestId("poll-console")).ToBeVisibleAsync();

        await page.GetByTestId("projector-toggle").ClickAsync();

        await Expect(page.GetByTestId("poll-console")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("narration")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console\\?view=projector$"));
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await AssertRunFillsTheScreenAsync(page);

        // The playback bar stays: the instructor still drives the run from here.
        await page.GetByTestId("step").ClickAsync();
        await Expect(page.GetByTestId("room-stage")).ToHaveAttributeAsync("data-events", "1");

        await page.ReloadAsync();
        await Expect(page.GetByTestId("console")).ToHaveAttributeAsync("data-opened", "true");
        await Expect(page.GetByTestId("projector-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Context.CloseAsync();
    }

    /// <summary>The network takes most of the left half and the space-time diagram the right, both starting on screen.</summary>
    private static async Task AssertRunFillsTheScreenAsync(IPage page)
    {
        await AssertNetworkOnScreenAsync(page, 1920, 1080);
        var network = (await page.Locator("svg.network").BoundingBoxAsync())!;
        Assert.True(network.Width >= 800, $"the network is only {network.Width:0} px wide");
        var diagram = (await page.Locator(".space-time-scroll").BoundingBoxAsync())!;
        Assert.True(diagram.X > network.X + network.Width && diagram.Y < 1080 / 2, $"the space-time diagram is at {diagram.X:0},{diagram.Y:0}");
    }

    private static async Task AssertNetworkOnScreenAsync(IPage page, int width, int height)
    {
        Assert.Equal(0, await page.EvaluateAsync<double>("() => window.scrollY"));
        var network = page.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Network") });
        await Expect(network).ToBeVisibleAsync();
        var box = (await network.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height,
            $"the network drawing at {box.X:0},{box.Y:0} size {box.Width:0}x{box.Height:0} leaves the {width}x{height} viewport");
    }
}
