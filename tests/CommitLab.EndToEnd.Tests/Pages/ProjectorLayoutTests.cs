using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.ClassroomSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// On a projector the run must be visible while it is driven: at the usual projector resolutions
/// the whole network drawing is on screen, without scrolling, in the Lab (description shown), in
/// presenter mode and on the instructor's console.
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
    public async Task The_whole_network_is_on_screen_in_presenter_mode_and_state_words_sit_outside_the_circles(int width, int height)
    {
        var page = await app.NewPageAsync(viewport: new ViewportSize { Width = width, Height = height });
        await page.GotoAsync("/lab?scenario=3pc-happy-path&presenter=true");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");

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
