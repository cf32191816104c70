using CommitLab.EndToEnd.Tests.Infrastructure;
using CommitLab.Web.Classroom;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.ClassroomSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// The classroom with two people in two browser contexts: an instructor driving the run from the
/// console and a student following it, against the real server and its SQLite file.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ClassroomTests(AppFixture app)
{
    [Fact]
    public async Task The_instructor_crashes_the_leader_and_the_student_sees_it()
    {
        var instructor = await app.NewPageAsync();
        var student = await app.NewPageAsync();
        var (code, _) = await OpenRoomAsync(instructor, "2pc-happy-path");
        await JoinAsync(student, code, "Ada");
        await Expect(instructor.GetByTestId("student")).ToHaveTextAsync("Ada");

        await StepAsync(instructor, 4);
        await instructor.GetByTestId("crash-leader").ClickAsync();

        // The student's drawing shows L crossed out, its card says so, and both pages show the same run.
        await Expect(student.Locator("[data-testid=room-stage] g.node[data-node=L]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bdown\b"));
        await Expect(student.Locator("[data-testid=room-stage] g.node[data-node=L] text.state")).ToHaveTextAsync("crashed");
        var hash = await TraceHashAsync(instructor);
        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", hash);
        await Expect(student.GetByTestId("room-stage").Locator(".narration")).ToContainTextAsync("L");

        await instructor.Context.CloseAsync();
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task A_student_cannot_drive_the_run_from_the_page_or_through_the_hub()
    {
        var instructor = await app.NewPageAsync();
        var student = await app.NewPageAsync();
        var (code, roomId) = await OpenRoomAsync(instructor, "2pc-happy-path");
        await JoinAsync(student, code, "Grace");
        await StepAsync(instructor, 3);
        var hash = await TraceHashAsync(instructor);
        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", hash);

        // The page: no button while no poll is open except the space-time diagram's zoom (which
        // changes only this student's view), no playback or fault control, and the network drawing
        // is a picture rather than a set of controls.
        var room = student.GetByTestId("student-room");
        await Expect(room.Locator("button:not(.space-time-zoom button)")).ToHaveCountAsync(0);
        await Expect(room.Locator(".space-time-zoom button")).ToHaveCountAsync(3);
        await Expect(room.GetByTestId("play")).ToHaveCountAsync(0);
        await Expect(room.GetByTestId("crash-leader")).ToHaveCountAsync(0);
        await Expect(room.Locator("svg.network [role=button]")).ToHaveCountAsync(0);
        await Expect(room.Locator("svg.network [tabindex]")).ToHaveCountAsync(0);

        // The hub: a student's connection calling instructor methods is refused, and so is a forged token.
        await using var hub = await HubClient.ConnectAsync(app.BaseUrl);
        var joined = (await hub.InvokeAsync("Join", code, "Mallory"))!;
        Assert.True(joined["ok"]!.GetValue<bool>(), joined.ToJsonString());
        var before = (await hub.InvokeAsync("State"))!;
        Assert.Equal(hash, before["traceHash"]!.GetValue<string>());

        var play = await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("Play", "a1"));
        Assert.Contains("Refused", play.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("Inject", "crash L", "a2"));
        await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("CrashLeader", "a3"));
        await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("StartPoll", "Hijack?", new[] { "a", "b" }, null));
        var forged = (await hub.InvokeAsync("OpenConsole", roomId, "not-the-token"))!;
        Assert.False(forged["ok"]!.GetValue<bool>());
        await Assert.ThrowsAsync<HubCallException>(() => hub.InvokeAsync("Restart", "a4"));

        // The run is exactly where it was, for the hub, the server and both pages.
        var after = (await hub.InvokeAsync("State"))!;
        Assert.Equal(before["events"]!.GetValue<long>(), after["events"]!.GetValue<long>());
        Assert.Equal(hash, after["traceHash"]!.GetValue<string>());
        var served = app.Services.GetRequiredService<ClassroomService>().FindById(roomId)!;
        Assert.Equal(hash, served.Frame.TraceHash);
        Assert.False(served.Frame.Playing);
        await Expect(Stage(instructor)).ToHaveAttributeAsync("data-trace-hash", hash);
        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", hash);

        await instructor.Context.CloseAsync();
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task The_instructor_hub_connection_drives_the_room_and_students_hear_each_action()
    {
        var student = await app.NewPageAsync();
        await using var instructor = await HubClient.ConnectAsync(app.BaseUrl);
        await using var listener = await HubClient.ConnectAsync(app.BaseUrl);
        var opened = (await instructor.InvokeAsync("OpenRoom", "2pc-happy-path"))!;
        Assert.True(opened["ok"]!.GetValue<bool>(), opened.ToJsonString());
        var code = opened["code"]!.GetValue<string>();
        Assert.True(opened["token"]!.GetValue<string>().Length >= 22);
        await JoinAsync(student, RoomSecrets.Display(code), "Linus");
        Assert.True((await listener.InvokeAsync("Join", code, "Margaret"))!["ok"]!.GetValue<bool>());

        await instructor.InvokeAsync("Step", "step-1");
        var update = await NextUpdateWithActionAsync(listener, "step-1");
        Assert.Equal(1, update["events"]!.GetValue<long>());
        await instructor.InvokeAsync("Inject", "crash L", "crash-1");
        update = await NextUpdateWithActionAsync(listener, "crash-1");
        Assert.Contains(update["lines"]!.AsArray(), l => l!.GetValue<string>().Contains("crash", StringComparison.OrdinalIgnoreCase));
        await Expect(student.Locator("[data-testid=room-stage] g.node[data-node=L] text.state")).ToHaveTextAsync("crashed");

        var bad = await Assert.ThrowsAsync<HubCallException>(() => instructor.InvokeAsync("Inject", "crash Z9", "bad"));
        Assert.Contains("Z9", bad.Message, StringComparison.Ordinal);
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task A_room_opened_on_a_3pc_partition_plays_live_to_a_student_up_to_the_violation()
    {
        var student = await app.NewPageAsync();
        await using var instructor = await HubClient.ConnectAsync(app.BaseUrl);
        var opened = (await instructor.InvokeAsync("OpenRoom", "3pc-partition-timeout-detector"))!;
        Assert.True(opened["ok"]!.GetValue<bool>(), opened.ToJsonString());
        await JoinAsync(student, RoomSecrets.Display(opened["code"]!.GetValue<string>()), "Barbara");
        await Expect(student.Locator("h1")).ToHaveTextAsync("In 3PC a network partition with a timeout detector breaks atomicity");
        await Expect(student.GetByTestId("live-state")).ToContainTextAsync("paused at 0 ms");

        await instructor.InvokeAsync("SetSpeed", 10.0, "fast");
        await instructor.InvokeAsync("Play", "go");

        // The student's page follows the run as it plays, then shows how it ended, from the room's one frame.
        await Expect(student.GetByTestId("live-state")).ToContainTextAsync("live");
        await Expect(Stage(student)).Not.ToHaveAttributeAsync("data-tick", "0");
        await Expect(student.GetByTestId("live-state")).ToContainTextAsync("finished", new() { Timeout = 30_000 });
        await Expect(Stage(student).GetByTestId("atomicity")).ToContainTextAsync("Atomicity violated");
        await Expect(NodeState(student, "P1")).ToHaveTextAsync("committed");
        await Expect(NodeState(student, "P2")).ToHaveTextAsync("aborted");
        await Expect(Stage(student).Locator("article.node-card[aria-label='P2'] .status")).ToHaveTextAsync("aborted");
        await Expect(Stage(student).GetByRole(AriaRole.Region, new() { Name = "Space-time diagram" })).ToHaveCountAsync(1);
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task A_poll_pauses_the_run_the_console_hides_counts_and_answer_until_reveal_then_shows_the_tally()
    {
        var instructor = await app.NewPageAsync();
        var student = await app.NewPageAsync();
        var (code, _) = await OpenRoomAsync(instructor, "2pc-happy-path");
        await JoinAsync(student, code, "Barbara");

        await instructor.GetByTestId("play").ClickAsync();
        await Expect(student.GetByTestId("live-state")).ToContainTextAsync("live");
        // The scenario's own first question: how many messages a fault-free run sends (12).
        await instructor.GetByTestId("ask-preset").First.ClickAsync();
        await Expect(instructor.GetByTestId("play")).ToBeVisibleAsync();
        await Expect(student.GetByTestId("live-state")).Not.ToContainTextAsync("live");

        var poll = student.GetByTestId("student-poll");
        await Expect(poll).ToContainTextAsync("How many messages");
        await Expect(poll.GetByTestId("tally-count")).ToHaveCountAsync(0);
        await poll.GetByRole(AriaRole.Button, new() { Name = "12", Exact = true }).ClickAsync();
        await Expect(student.GetByTestId("poll-state")).ToContainTextAsync("Your answer: 12");

        await Expect(instructor.GetByTestId("answered-count")).ToHaveTextAsync("1 of 1 answered");
        await Expect(instructor.GetByTestId("student")).ToContainTextAsync("answered");
        // The console is projected: until the reveal it shows no counts per option and no right answer.
        await Expect(instructor.GetByTestId("poll-choices")).ToContainTextAsync("12");
        await Expect(instructor.GetByTestId("tally-option")).ToHaveCountAsync(0);
        await Expect(instructor.GetByTestId("poll-console")).Not.ToContainTextAsync("right answer");
        // Nor does the narration beside the question tell where the run is heading.
        await Expect(instructor.GetByTestId("narration-held")).ToBeVisibleAsync();
        await Expect(student.GetByTestId("narration-held")).ToBeVisibleAsync();

        await instructor.GetByTestId("reveal-poll").ClickAsync();
        await Expect(instructor.GetByTestId("tally-option").Nth(2)).ToContainTextAsync("1 (100%)");
        await Expect(instructor.GetByTestId("tally-option").Nth(2)).ToContainTextAsync("right answer");
        await Expect(instructor.GetByTestId("poll-choices")).ToHaveCountAsync(0);
        await Expect(student.GetByTestId("poll-verdict")).ToHaveTextAsync("You got it.");
        await Expect(student.GetByTestId("tally-option").Nth(2)).ToContainTextAsync("right answer");

        await instructor.GetByTestId("play-on").ClickAsync();
        await Expect(student.GetByTestId("student-poll")).ToHaveCountAsync(0);
        await Expect(student.GetByTestId("narration-held")).ToHaveCountAsync(0);
        await Expect(student.GetByTestId("live-state")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("live|finished"));

        await instructor.Context.CloseAsync();
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task Selecting_a_message_on_the_console_holds_the_room_until_the_instructor_drops_it()
    {
        var instructor = await app.NewPageAsync();
        await OpenRoomAsync(instructor, "2pc-happy-path");
        await instructor.GetByTestId("play").ClickAsync();
        await Expect(instructor.GetByTestId("clock")).Not.ToHaveTextAsync("0 ms");

        var message = Stage(instructor).Locator("g.message[data-kind='prepare']").First;
        var id = await message.GetAttributeAsync("data-message");
        await message.DispatchEventAsync("click");
        await Expect(instructor.GetByTestId("selection-hold")).ToContainTextAsync("Paused while you choose");
        await Expect(instructor.GetByTestId("play")).ToBeVisibleAsync();
        var held = await Stage(instructor).GetAttributeAsync("data-tick");

        await instructor.GetByTestId("fault-drop").ClickAsync();

        await Expect(Stage(instructor).Locator($"g.message[data-message='{id}']")).ToHaveCountAsync(0);
        await Expect(instructor.GetByTestId("selection-hold")).ToHaveCountAsync(0);
        await Expect(Stage(instructor)).Not.ToHaveAttributeAsync("data-tick", held!); // the room plays on
        await instructor.Context.CloseAsync();
    }

    [Fact]
    public async Task Skip_to_content_on_the_console_never_brings_the_key_back_into_the_address()
    {
        var instructor = await app.NewPageAsync();
        await OpenRoomAsync(instructor, "2pc-happy-path");
        await Expect(instructor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/console$"));
        // As on the projector: the console opened afresh (its key now in the tab's storage), focus at the top.
        await instructor.ReloadAsync();
        await Expect(instructor.GetByTestId("console")).ToHaveAttributeAsync("data-opened", "true");
        await Expect(instructor.GetByTestId("console")).ToHaveAttributeAsync("data-interactive", "true");

        // The page focuses its heading on load, so a keyboard user reaches the skip link by tabbing
        // back to the top; here the focus goes straight to it, and Enter follows it.
        var skip = instructor.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await skip.FocusAsync();
        await Expect(skip).ToBeFocusedAsync();
        await instructor.Keyboard.PressAsync("Enter");

        await Expect(instructor.Locator("main#main")).ToBeFocusedAsync();
        Assert.DoesNotContain("key", instructor.Url, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("/console", instructor.Url, StringComparison.Ordinal);
        await Expect(instructor.GetByTestId("console")).ToHaveAttributeAsync("data-opened", "true");
        await instructor.Context.CloseAsync();
    }

    /// <summary>
    /// The join form is a plain HTML post: wait for its answer to load, or the next try would be typed
    /// into the old page and its post could cancel this one before the server counts it.
    /// </summary>
    private static async Task SubmitJoinAsync(IPage page)
    {
        await page.RunAndWaitForResponseAsync(() => page.GetByTestId("join-submit").ClickAsync(), r => r.Request.Method == "POST");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    [Fact]
    public async Task A_wrong_join_code_is_refused_repeated_wrong_codes_are_throttled_and_the_right_code_still_gets_in()
    {
        var instructor = await app.NewPageAsync();
        var (code, _) = await OpenRoomAsync(instructor, "2pc-happy-path");
        var student = await app.NewPageAsync();
        var limit = app.Services.GetRequiredService<ClassroomService>().Options.FailedJoinsPerWindow;
        var wrong = code == "ZZZ-ZZZ" ? "YYY-YYY" : "ZZZ-ZZZ";

        await student.GotoAsync("/join");
        for (var i = 0; i < limit; i++)
        {
            await student.GetByTestId("join-code").FillAsync(wrong);
            await student.GetByTestId("join-name").FillAsync("Eve");
            await SubmitJoinAsync(student);
            await Expect(student.GetByTestId("join-error")).ToContainTextAsync("No room has that code");
        }

        // One more wrong code is told to wait: guessing cannot go on at speed.
        await student.GetByTestId("join-code").FillAsync(wrong);
        await student.GetByTestId("join-name").FillAsync("Eve");
        await SubmitJoinAsync(student);
        await Expect(student.GetByTestId("join-error")).ToContainTextAsync("Too many attempts");

        // The right code is never held back: classmates share the lecture hall's address.
        await student.GetByTestId("join-code").FillAsync(code);
        await student.GetByTestId("join-name").FillAsync("Eve");
        await SubmitJoinAsync(student);
        await Expect(student.GetByTestId("student-name")).ToHaveTextAsync("Eve");

        await instructor.Context.CloseAsync();
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task After_a_server_restart_both_pages_come_back_to_the_same_room_and_run()
    {
        var instructor = await app.NewPageAsync();
        var student = await app.NewPageAsync();
        var (code, _) = await OpenRoomAsync(instructor, "2pc-happy-path");
        await JoinAsync(student, code, "Edsger");
        await StepAsync(instructor, 5);
        await instructor.GetByTestId("crash-leader").ClickAsync();
        await StepAsync(instructor, 2);
        var hash = await TraceHashAsync(instructor);
        var events = await Stage(instructor).GetAttributeAsync("data-events");
        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", hash);

        await app.RestartServerAsync();

        // Both pages reload by themselves on the new server, which replays the room's schedule to the same moment.
        await Expect(Stage(instructor)).ToHaveAttributeAsync("data-trace-hash", hash, new() { Timeout = 45_000 });
        await Expect(instructor.GetByTestId("console")).ToHaveAttributeAsync("data-opened", "true");
        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", hash, new() { Timeout = 45_000 });
        await Expect(Stage(student)).ToHaveAttributeAsync("data-events", events!);
        await Expect(student.GetByTestId("student-name")).ToHaveTextAsync("Edsger");
        await Expect(instructor.GetByTestId("console-code")).ToHaveTextAsync(code);

        // And the room is live again: the instructor's next step reaches the student.
        await Expect(student.GetByTestId("student-room")).ToHaveAttributeAsync("data-interactive", "true");
        await instructor.GetByTestId("step").ClickAsync();
        await Expect(Stage(student)).Not.ToHaveAttributeAsync("data-trace-hash", hash);

        await instructor.Context.CloseAsync();
        await student.Context.CloseAsync();
    }

    [Theory]
    [MemberData(nameof(AxeAudit.SchemesAndSizes), MemberType = typeof(AxeAudit))]
    public async Task Classroom_pages_have_no_serious_or_critical_axe_violations(string scheme, int width, int height)
    {
        var colors = scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light;
        var size = new ViewportSize { Width = width, Height = height };
        var instructor = await app.NewPageAsync(colors, size);
        var student = await app.NewPageAsync(colors, size);

        await instructor.GotoAsync("/classroom");
        await AxeAudit.AssertNoBlockingViolationsAsync(instructor);
        await instructor.GotoAsync("/classroom/new");
        await AxeAudit.AssertNoBlockingViolationsAsync(instructor);
        await student.GotoAsync("/join");
        await AxeAudit.AssertNoBlockingViolationsAsync(student);

        var (code, _) = await OpenRoomAsync(instructor, "2pc-leader-crash-after-commit");
        await JoinAsync(student, code, "Frances");
        await StepAsync(instructor, 3);
        await instructor.GetByTestId("ask-preset").First.ClickAsync();
        await Expect(student.GetByTestId("student-poll")).ToBeVisibleAsync();
        await AxeAudit.AssertNoBlockingViolationsAsync(instructor);
        await AxeAudit.AssertNoBlockingViolationsAsync(student);

        await student.GetByTestId("poll-option").First.ClickAsync();
        await instructor.GetByTestId("reveal-poll").ClickAsync();
        await Expect(student.GetByTestId("poll-verdict")).ToBeVisibleAsync();
        await AxeAudit.AssertNoBlockingViolationsAsync(instructor);
        await AxeAudit.AssertNoBlockingViolationsAsync(student);

        await instructor.Context.CloseAsync();
        await student.Context.CloseAsync();
    }
}
