using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The global state vector shows every node at the moment on screen, and on a projector it is on screen with the run.</summary>
[Collection(AppCollection.Name)]
public sealed class GlobalStateTests(AppFixture app)
{
    [Fact]
    public async Task The_state_vector_follows_the_cursor_and_names_every_node()
    {
        var page = await OpenLabAsync(app, "?scenario=2pc-leader-crash-after-commit&t=700");
        var vector = page.GetByTestId("state-vector");

        await Expect(page.GetByTestId("state-tuple")).ToHaveTextAsync("(L crashed, P1 uncertain, P2 uncertain, P3 uncertain)");
        await Expect(vector.Locator("td.state[data-node='P2']")).ToHaveTextAsync("uncertain");
        await Expect(vector.Locator("tr", new() { HasTextString = "Vote" })).ToContainTextAsync("yes");
        await Expect(vector.Locator("tr", new() { HasTextString = "Log ends" })).ToContainTextAsync("COMMIT");

        await page.GetByTestId("restart").ClickAsync();
        await Expect(page.GetByTestId("state-tuple")).ToHaveTextAsync("(L collecting votes, P1 working, P2 working, P3 working)");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task In_the_projector_view_the_state_vector_is_on_screen_beside_the_run_at_1920x1080()
    {
        var page = await app.NewPageAsync(viewport: new ViewportSize { Width = 1920, Height = 1080 });
        await page.GotoAsync("/lab?scenario=2pc-leader-crash-after-commit&t=700&view=projector");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");

        var box = (await page.GetByTestId("state-vector").BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= 1080, $"the state vector ends at {box.Y + box.Height:0} px, below the 1080 px screen");
        var cell = (await page.Locator(".state-vector td.state").First.BoundingBoxAsync())!;
        Assert.True(cell.Height >= 28, $"state words are {cell.Height:0} px tall: too small for the back row");
        await page.Context.CloseAsync();
    }
}
