using CommitLab.EndToEnd.Tests.Infrastructure;
using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Hub;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.ClassroomSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// The student page in the browser (WebAssembly): it receives the instructor's commands, replays the
/// room's run with its own engine, and must show exactly the run the console shows, hash for hash.
/// The instructor drives through the hub (the console's calls, with the room's hash in each update).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StudentReplicaTests(AppFixture app)
{
    [Fact]
    public async Task A_student_page_in_webassembly_follows_crash_step_seek_and_restart_with_the_rooms_trace_hash()
    {
        await using var instructor = await HubClient.ConnectAsync(app.BaseUrl);
        await using var listener = await HubClient.ConnectAsync(app.BaseUrl);
        var code = await OpenRoomAsync(instructor, "2pc-happy-path");
        var student = await ReplicaAsync(code, "Grace");
        Assert.True((await listener.InvokeAsync("Join", code, "Hopper"))!["ok"]!.GetValue<bool>());

        await instructor.InvokeAsync("Step", "s1");
        await instructor.InvokeAsync("Step", "s2");
        await instructor.InvokeAsync("Step", "s3");
        await SameRunAsync(student, await NextUpdateWithActionAsync(listener, "s3"), events: 3);

        await instructor.InvokeAsync("CrashLeader", "crash");
        var crashed = await NextUpdateWithActionAsync(listener, "crash");
        await SameRunAsync(student, crashed, events: crashed["events"]!.GetValue<long>());
        await Expect(NodeState(student, "L")).ToHaveTextAsync("crashed");

        // Played on at full speed until the run stands still: with L down, the participants that voted
        // yes are blocked, and the room's play timer pauses there by itself (the copy is told so).
        await instructor.InvokeAsync("SetSpeed", 10.0, "fast");
        await instructor.InvokeAsync("Play", "play");
        await Expect(student.GetByTestId("live-state")).ToContainTextAsync("live");
        await Expect(Stage(student).GetByTestId("held-at-standstill")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(Stage(student).GetByTestId("standstill")).ToContainTextAsync("voted yes");
        await Expect(student.GetByTestId("live-state")).ToContainTextAsync("paused");
        var end = (await instructor.InvokeAsync("State"))!;
        Assert.False(end["playing"]!.GetValue<bool>());
        Assert.Equal("running", end["outcome"]!.GetValue<string>());
        await SameRunAsync(student, end, events: end["events"]!.GetValue<long>());
        await Expect(Stage(student).GetByTestId("blocking")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bwarn\b"));

        // Back in time: the copy replays the recording (the crash kept) to the room's cursor.
        await instructor.InvokeAsync("Seek", 30L, "seek");
        var sought = await NextUpdateWithActionAsync(listener, "seek");
        Assert.Equal(30, sought["tick"]!.GetValue<long>());
        await SameRunAsync(student, sought, events: sought["events"]!.GetValue<long>());
        await Expect(Stage(student)).ToHaveAttributeAsync("data-tick", "30");

        await instructor.InvokeAsync("Restart", "restart");
        var restarted = await NextUpdateWithActionAsync(listener, "restart");
        await SameRunAsync(student, restarted, events: 0);
        await Expect(student.GetByTestId("replica-mismatch")).ToHaveCountAsync(0);
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task A_forged_update_with_a_wrong_trace_hash_is_shown_to_the_student_and_the_page_fetches_the_room_again()
    {
        await using var instructor = await HubClient.ConnectAsync(app.BaseUrl);
        var opened = (await instructor.InvokeAsync("OpenRoom", "2pc-happy-path"))!;
        var roomId = opened["roomId"]!.GetValue<string>();
        var student = await ReplicaAsync(opened["code"]!.GetValue<string>(), "Edsger");
        await instructor.InvokeAsync("Step", "s1");
        var room = (await instructor.InvokeAsync("State"))!;
        await SameRunAsync(student, room, events: 1);

        // An update that claims the run is somewhere this recording never goes.
        var hub = app.Services.GetRequiredService<IHubContext<ClassroomHub, IClassroomClient>>();
        await hub.Clients.Group(ClassroomHub.ReplicaGroup(roomId)).RoomUpdated(
            new RoomUpdate(room["seq"]!.GetValue<long>() + 100, 1, room["tick"]!.GetValue<long>(), false, 1, false, "running", "forged0000000000", null, false, []));

        var note = student.GetByTestId("replica-mismatch");
        await Expect(note).ToContainTextAsync("did not match the room's at event 1");
        await Expect(note).ToContainTextAsync("forged0000000000");
        // Fetched again from the room: the drawing is the room's run, not the forged one.
        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", room["traceHash"]!.GetValue<string>());
        await instructor.InvokeAsync("Step", "s2");
        var next = (await instructor.InvokeAsync("State"))!;
        await SameRunAsync(student, next, events: 2);
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task A_poll_reaches_a_student_page_in_webassembly_without_counts_until_the_reveal()
    {
        await using var instructor = await HubClient.ConnectAsync(app.BaseUrl);
        var code = await OpenRoomAsync(instructor, "2pc-happy-path");
        var student = await ReplicaAsync(code, "Barbara");

        await instructor.InvokeAsync("StartPoll", "Who decides in 2PC?", new[] { "L", "P1", "Everyone" }, 0);
        var poll = student.GetByTestId("student-poll");
        await Expect(poll).ToContainTextAsync("Who decides in 2PC?");
        await Expect(poll.GetByTestId("tally-option")).ToHaveCountAsync(0);
        await poll.GetByRole(AriaRole.Button, new() { Name = "P1", Exact = true }).ClickAsync();
        await Expect(student.GetByTestId("poll-state")).ToContainTextAsync("Your answer: P1");
        await poll.GetByRole(AriaRole.Button, new() { Name = "L", Exact = true }).ClickAsync();
        await Expect(student.GetByTestId("poll-state")).ToContainTextAsync("Your answer: L");
        await Expect(poll).Not.ToContainTextAsync("right answer");

        var revealed = (await instructor.InvokeAsync("RevealPoll"))!;
        Assert.Equal(1, revealed["tally"]![0]!.GetValue<int>());
        await Expect(student.GetByTestId("poll-verdict")).ToHaveTextAsync("You got it.");
        await Expect(student.GetByTestId("tally-option").Nth(0)).ToContainTextAsync("right answer");

        await instructor.InvokeAsync("ClosePoll");
        await Expect(student.GetByTestId("student-poll")).ToHaveCountAsync(0);
        await student.Context.CloseAsync();
    }

    private static async Task<string> OpenRoomAsync(HubClient instructor, string scenario)
    {
        var opened = (await instructor.InvokeAsync("OpenRoom", scenario))!;
        Assert.True(opened["ok"]!.GetValue<bool>(), opened.ToJsonString());
        return opened["code"]!.GetValue<string>();
    }

    /// <summary>
    /// Joins a room in a fresh browser and comes back to the page until render mode Auto runs it in
    /// WebAssembly: the first visit is served from the server while the WebAssembly files download
    /// into the browser's cache; a later visit starts from the cache.
    /// </summary>
    private async Task<IPage> ReplicaAsync(string code, string name)
    {
        var student = await app.NewPageAsync();
        await JoinAsync(student, RoomSecrets.Display(code), name);
        var room = student.GetByTestId("student-room");
        await Expect(room).ToHaveAttributeAsync("data-renderer", "Server");
        for (var visit = 0; visit < 20 && await room.GetAttributeAsync("data-renderer") != "WebAssembly"; visit++)
        {
            // Waits until nothing is downloading (the WebAssembly files are in the cache), then comes back.
            await student.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await student.ReloadAsync();
            await Expect(room).ToHaveAttributeAsync("data-interactive", "true");
        }

        await Expect(room).ToHaveAttributeAsync("data-renderer", "WebAssembly");
        await Expect(student.GetByTestId("student-name")).ToHaveTextAsync(name);
        return student;
    }

    /// <summary>The student's page shows the room's run at the update's moment: the same event count and trace hash.</summary>
    private static async Task SameRunAsync(IPage student, System.Text.Json.Nodes.JsonNode update, long events)
    {
        Assert.Equal(events, update["events"]!.GetValue<long>());
        await Expect(Stage(student)).ToHaveAttributeAsync("data-events", events.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", update["traceHash"]!.GetValue<string>());
    }
}
