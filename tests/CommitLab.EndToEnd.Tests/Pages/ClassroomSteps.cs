using System.Text.Json.Nodes;
using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>The steps every classroom test takes: an instructor opens a room, students join it.</summary>
internal static class ClassroomSteps
{
    /// <summary>Opens a room on a scenario from /classroom/new; returns the room's join code (as shown, "ABC-234") and id.</summary>
    public static async Task<(string Code, string RoomId)> OpenRoomAsync(IPage instructor, string scenario)
    {
        await instructor.GotoAsync("/classroom/new");
        await instructor.GetByTestId($"pick-{scenario}").CheckAsync();
        await instructor.GetByTestId("open-room").ClickAsync();
        var console = instructor.GetByTestId("console");
        await Expect(console).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(console).ToHaveAttributeAsync("data-opened", "true");
        var code = (await instructor.GetByTestId("console-code").TextContentAsync())!.Trim();
        var roomId = new Uri(instructor.Url).Segments[^2].TrimEnd('/');
        return (code, roomId);
    }

    public static async Task JoinAsync(IPage student, string code, string name)
    {
        await student.GotoAsync($"/join?code={Uri.EscapeDataString(code)}");
        await student.GetByTestId("join-name").FillAsync(name);
        await student.GetByTestId("join-submit").ClickAsync();
        await Expect(student.GetByTestId("student-room")).ToHaveAttributeAsync("data-interactive", "true");
        await Expect(student.GetByTestId("student-name")).ToHaveTextAsync(name);
    }

    public static ILocator Stage(IPage page) => page.GetByTestId("room-stage");

    /// <summary>The state a node's card shows in the room's drawing ("crashed", "committed", …).</summary>
    public static ILocator NodeState(IPage page, string node) => Stage(page).Locator($"g.node[data-node={node}] text.state");

    public static async Task<string> TraceHashAsync(IPage page) => (await Stage(page).GetAttributeAsync("data-trace-hash"))!;

    public static async Task StepAsync(IPage instructor, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var before = await Stage(instructor).GetAttributeAsync("data-events");
            await instructor.GetByTestId("step").ClickAsync();
            await Expect(Stage(instructor)).Not.ToHaveAttributeAsync("data-events", before!);
        }
    }

    /// <summary>The room update a hub client receives for the instructor call tagged <paramref name="actionId"/> (earlier updates are skipped).</summary>
    public static async Task<JsonNode> NextUpdateWithActionAsync(HubClient client, string actionId)
    {
        while (true)
        {
            var arguments = await client.NextEventAsync("RoomUpdated", TimeSpan.FromSeconds(15));
            if (arguments[0]?["actionId"]?.GetValue<string>() == actionId)
            {
                return arguments[0]!;
            }
        }
    }
}
