using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The Tahoe-LAFS scenarios in the Lab: the same stage as every run, with the network, narration, space-time diagram and verdict.</summary>
[Collection(AppCollection.Name)]
public sealed class TahoeLabTests(AppFixture app)
{
    [Fact]
    public async Task Tahoe_2pc_shows_the_space_time_diagram_and_narration_naming_writers_and_servers()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lab?scenario=tahoe-2pc&t=10000");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");

        await Expect(page.GetByRole(AriaRole.Group, new() { NameRegex = new("^Network of 5 nodes") })).ToBeVisibleAsync();
        var diagram = page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Space-time diagram") });
        await Expect(diagram).ToBeVisibleAsync();
        await Expect(diagram).ToContainTextAsync("W1");
        await Expect(diagram).ToContainTextAsync("S3");
        var narration = page.GetByTestId("narration");
        await Expect(narration).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(narration).ToContainTextAsync("W1 sends COMMIT W1#2 to S1, S2 and S3");
        await Expect(narration).ToContainTextAsync("S2 now holds version W1#2 of the file");
        await Expect(page.GetByTestId("role-outcome")).ToContainTextAsync("Every server on the same version.");
        foreach (var server in new[] { "S1", "S2", "S3" })
        {
            await Expect(page.Locator($"[data-testid=role-row][data-node={server}]")).ToContainTextAsync("W1#2");
        }

        await Expect(page.Locator("[data-testid=role-row][data-node=W2]")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Picking_the_uncoordinated_scenario_and_playing_it_ends_in_a_lost_update()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/lab");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");

        await page.GetByTestId("scenario-picker").SelectOptionAsync("tahoe-uncoordinated");
        await Expect(page.Locator("[data-testid=role-row][data-node=W1]")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Space");

        await Expect(page.GetByTestId("role-outcome")).ToContainTextAsync("Lost update.", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("narration")).ToContainTextAsync("W2 sends write W2#1 to S1, S2 and S3");
        await page.Context.CloseAsync();
    }
}
