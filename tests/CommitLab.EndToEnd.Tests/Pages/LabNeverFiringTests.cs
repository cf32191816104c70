using CommitLab.EndToEnd.Tests.Infrastructure;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Sharing;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>A shared run whose fault waits for a moment its node never reaches says so in the Lab.</summary>
[Collection(AppCollection.Name)]
public sealed class LabNeverFiringTests(AppFixture app)
{
    [Fact]
    public async Task A_shared_run_with_a_trigger_the_nodes_role_never_fires_says_why_above_the_drawing()
    {
        var run = new Scenario
        {
            Participants = 3,
            Seed = 4,
            Faults =
            [
                new(new FaultTiming.OnTrigger(FaultText.ParseTrigger("L logs prepared")), FaultText.ParseAction("crash P1")),
                new(new FaultTiming.OnTrigger(FaultText.ParseTrigger("P1 logs prepared")), FaultText.ParseAction("crash P2")),
            ],
        };
        var page = await app.NewPageAsync();

        await page.GotoAsync(ShareLink.Create(run, new TimelinePosition(0, 0))!);

        await Expect(page.GetByTestId("never-fires")).ToHaveTextAsync("“crash P1 when L logs prepared” never fires: in 2PC only the participants write PREPARED.");
        await Expect(page.Locator(".run-facts")).ToContainTextAsync("2 fault(s)");
        await page.Context.CloseAsync();
    }
}
