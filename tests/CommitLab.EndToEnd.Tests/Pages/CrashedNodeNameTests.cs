using System.Text.RegularExpressions;
using CommitLab.EndToEnd.Tests.Infrastructure;
using static CommitLab.EndToEnd.Tests.Pages.LabSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>A crossed-out node still says which node it is: with two acceptors down, a class must tell A2 from A3.</summary>
[Collection(AppCollection.Name)]
public sealed class CrashedNodeNameTests(AppFixture app)
{
    [Fact]
    public async Task Crashed_acceptors_keep_their_names_drawn_over_the_cross()
    {
        // The scenario crashes L on the first accepted vote and A2 and A3 at t = 100.
        var page = await OpenLabAsync(app, "?scenario=paxos-commit-acceptor-recovers&t=150");

        foreach (var name in new[] { "L", "A2", "A3" })
        {
            var node = page.Locator($"g.node[data-node='{name}']");
            await Expect(node).ToHaveClassAsync(new Regex("\\bdown\\b"));
            await Expect(node.Locator("text.name")).ToHaveTextAsync(name);
            await Expect(node.Locator("text.name")).ToBeVisibleAsync();
            await Expect(node.Locator(".crashed-word")).ToHaveTextAsync("crashed");
        }

        await page.Context.CloseAsync();
    }
}
