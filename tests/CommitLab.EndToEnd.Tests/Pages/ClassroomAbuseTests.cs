using System.Diagnostics;
using System.Text.Json.Nodes;
using CommitLab.EndToEnd.Tests.Infrastructure;
using CommitLab.Web.Classroom;
using CommitLab.Web.Lab;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// A hub client doing what it should not, at speed, against the real server: refused calls cost a
/// few log lines and then the connection; a flood of answers costs the instructor a few pushes.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ClassroomAbuseTests(AppFixture app)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_connection_that_keeps_calling_instructor_methods_is_closed_after_a_few_log_lines_and_no_stack_trace()
    {
        await using var instructor = await HubClient.ConnectAsync(app.BaseUrl);
        var opened = (await instructor.InvokeAsync("OpenRoom", "2pc-happy-path"))!;
        await using var hub = await HubClient.ConnectAsync(app.BaseUrl);
        Assert.True((await hub.InvokeAsync("Join", opened["code"]!.GetValue<string>(), "Mallory"))!["ok"]!.GetValue<bool>());
        var logged = app.Log.Entries.Count;

        var refused = 0;
        var closed = false;
        for (var i = 0; i < 1_000 && !closed; i++)
        {
            try
            {
                await hub.InvokeAsync("Play", $"p{i}");
            }
            catch (HubCallException e) when (e.Message.Contains("Refused", StringComparison.Ordinal))
            {
                refused++;
            }
            catch (HubCallException e) when (e.Message == "connection closed")
            {
                closed = true;
            }
        }

        // The limit is 20 refusals within the window (4 s in tests); the 21st closes the connection
        // (its own refusal may or may not reach the client before the connection goes).
        Assert.True(closed, $"still open after {refused} refused calls");
        Assert.InRange(refused, 20, 21);
        await hub.Closed.WaitAsync(Wait);
        var lines = app.Log.Entries.Skip(logged).ToList();
        Assert.Equal(3, lines.Count(l => l.Message.StartsWith("Refused Play from student \"Mallory\"", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Message.StartsWith("Closing connection", StringComparison.Ordinal) && l.Message.Contains("21 calls refused", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Error || l.Exception is not null);

        // The room's instructor is untouched.
        Assert.True((await instructor.InvokeAsync("Step", "still-mine")) is JsonValue);
    }

    [Fact]
    public async Task A_student_flooding_answers_costs_the_instructor_a_few_pushes_and_the_tally_ends_right()
    {
        await using var instructor = await HubClient.ConnectAsync(app.BaseUrl);
        var opened = (await instructor.InvokeAsync("OpenRoom", "2pc-happy-path"))!;
        var poll = (await instructor.InvokeAsync("StartPoll", "Who decides?", new[] { "L", "P1", "Nobody" }, 0))!;
        var pollId = poll["id"]!.GetValue<long>();
        await using var student = await HubClient.ConnectAsync(app.BaseUrl);
        Assert.True((await student.InvokeAsync("Join", opened["code"]!.GetValue<string>(), "Flooder"))!["ok"]!.GetValue<bool>());

        var timer = Stopwatch.StartNew();
        var refusedAnswers = 0;
        for (var i = 0; i < 2_000; i++)
        {
            if ((await student.InvokeAsync("Answer", pollId, i % 3)) is JsonValue refusal && refusal.GetValue<string>().Length > 0)
            {
                refusedAnswers++;
            }
        }

        timer.Stop();

        // Twenty answers count (the last is option 19 % 3 = 1); every later change is refused without a write.
        var pushes = 0;
        while (true)
        {
            var arguments = await instructor.NextEventAsync("PollChanged", Wait);
            pushes++;
            if (arguments[0]?["answered"]?.GetValue<int>() == 1 && arguments[0]!["tally"]![1]!.GetValue<int>() == 1)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(20, 1_980).Count(i => i % 3 != 1), refusedAnswers);
        // At most one push per 250 ms while answers changed, plus the poll itself and the trailing push.
        Assert.InRange(pushes, 2, 2 + (int)Math.Ceiling(timer.Elapsed.TotalMilliseconds / 250) + 1);
    }

    [Fact]
    public async Task A_right_console_link_to_an_expired_room_says_so_while_a_wrong_key_is_not_valid()
    {
        var rooms = app.Services.GetRequiredService<ClassroomService>();
        var scenario = app.Services.GetRequiredService<ScenarioLibrary>().Find("2pc-happy-path")!;
        var (room, token, error) = rooms.Create(scenario.Scenario, scenario.Name, "198.51.100.200");
        Assert.Null(error);
        var page = await app.NewPageAsync();
        var lifetime = rooms.Options.RoomLifetime;
        try
        {
            // Every unused room is past its lifetime now (tests run one at a time on this server).
            rooms.Options.RoomLifetime = TimeSpan.FromMilliseconds(1);

            await page.GotoAsync($"/classroom/{room!.Id}/console?key=not-the-key");
            await Expect(page.GetByTestId("console-refused")).ToContainTextAsync("This instructor link is not valid.");

            await page.GotoAsync($"/classroom/{room.Id}/console?key={Uri.EscapeDataString(token!)}");
            await Expect(page.GetByTestId("console-refused")).ToContainTextAsync("This room has expired");
            await Expect(page.GetByTestId("console-refused")).Not.ToContainTextAsync("not valid");
        }
        finally
        {
            rooms.Options.RoomLifetime = lifetime;
            await page.Context.CloseAsync();
        }
    }
}
