using CommitLab.EndToEnd.Tests.Infrastructure;
using static CommitLab.EndToEnd.Tests.Pages.ClassroomSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// A student's network drops for a moment while the class goes on. The student reaches the server
/// through a <see cref="TcpProxy"/> that the test cuts and restores; the instructor talks to the
/// server directly and keeps teaching. Unlike a server restart, the server still holds the
/// student's circuit and seat, so the page must come back to them by itself, not reload.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class NetworkBlipTests(AppFixture app)
{
    [Fact]
    public async Task After_a_network_blip_the_student_page_reconnects_by_itself_and_shows_what_it_missed()
    {
        await using var network = new TcpProxy(app.BaseUrl);
        var instructor = await app.NewPageAsync();
        var student = await app.NewPageAsync(baseUrl: network.BaseUrl);
        var (code, _) = await OpenRoomAsync(instructor, "2pc-happy-path");
        await JoinAsync(student, code, "Barbara");
        await StepAsync(instructor, 3);
        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", await TraceHashAsync(instructor));
        // A reload would also show the current run (from a fresh circuit); only the same page
        // still has this mark afterwards.
        await student.EvaluateAsync("() => { window.keptThroughTheBlip = true; }");

        network.Cut();
        var dialog = student.Locator("#components-reconnect-modal");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("Connection lost");

        // The class goes on without the student: the leader crashes and the run moves on. More
        // changes than a circuit keeps renders for while its browser is away (10 unacknowledged
        // batches; past that the server holds renders back), so the page must catch up from both
        // the renders it kept and the ones it held back.
        await instructor.GetByTestId("crash-leader").ClickAsync();
        await StepAsync(instructor, 12);
        var hash = await TraceHashAsync(instructor);
        var events = (await Stage(instructor).GetAttributeAsync("data-events"))!;
        var tick = (await Stage(instructor).GetAttributeAsync("data-tick"))!;
        await Expect(NodeState(student, "L")).Not.ToHaveTextAsync("crashed");

        // The app's reconnect schedule (wwwroot/js/blazor-start.js) retries after 0, 0.5, 1 and
        // 1.5 s, then every 2 s: whichever try comes after the restore lands well inside the 15 s wait.
        network.Restore();

        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", hash);
        await Expect(dialog).Not.ToBeVisibleAsync();
        await Expect(NodeState(student, "L")).ToHaveTextAsync("crashed");
        await Expect(Stage(student)).ToHaveAttributeAsync("data-events", events);
        await Expect(Stage(student)).ToHaveAttributeAsync("data-tick", tick);
        await Expect(student.GetByTestId("live-state")).ToContainTextAsync($"at {tick} ms");
        Assert.True(await student.EvaluateAsync<bool>("() => window.keptThroughTheBlip === true"), "the page reloaded instead of reconnecting");
        await Expect(instructor.GetByTestId("student")).ToHaveCountAsync(1);

        // And it is live again, not a one-off catch-up: the instructor's next step reaches it.
        await StepAsync(instructor, 1);
        await Expect(Stage(student)).ToHaveAttributeAsync("data-trace-hash", await TraceHashAsync(instructor));

        await instructor.Context.CloseAsync();
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task A_hub_client_that_rejoins_after_a_network_blip_gets_the_current_run_and_the_updates_go_on_in_sequence()
    {
        await using var network = new TcpProxy(app.BaseUrl);
        await using var instructor = await HubClient.ConnectAsync(app.BaseUrl);
        var opened = (await instructor.InvokeAsync("OpenRoom", "2pc-happy-path"))!;
        var code = opened["code"]!.GetValue<string>();
        await using var dropped = await HubClient.ConnectAsync(network.BaseUrl);
        var joined = (await dropped.InvokeAsync("Join", code, "Katherine"))!;
        var seat = joined["studentId"]!.GetValue<string>();
        await instructor.InvokeAsync("Step", "before");
        var lastHeard = (await NextUpdateWithActionAsync(dropped, "before"))["seq"]!.GetValue<long>();

        network.Cut();
        await dropped.Closed.WaitAsync(TimeSpan.FromSeconds(15));
        await instructor.InvokeAsync("Inject", "crash L", "crash");
        await NextUpdateWithActionAsync(instructor, "crash");
        await instructor.InvokeAsync("Step", "missed");
        var missed = await NextUpdateWithActionAsync(instructor, "missed");
        network.Restore();

        // The hub does not remember a dropped connection: a new one is nobody until it rejoins.
        await using var back = await HubClient.ConnectAsync(network.BaseUrl);
        var nobody = await Assert.ThrowsAsync<HubCallException>(() => back.InvokeAsync("State"));
        Assert.Contains("Join a room first", nobody.Message, StringComparison.Ordinal);

        // Rejoining with the seat gives the same student the run as it is now, numbered after
        // everything it missed, with the crash in it.
        var rejoined = (await back.InvokeAsync("Rejoin", code, seat))!;
        Assert.True(rejoined["ok"]!.GetValue<bool>(), rejoined.ToJsonString());
        Assert.Equal(seat, rejoined["studentId"]!.GetValue<string>());
        var state = rejoined["state"]!;
        Assert.Equal(missed["traceHash"]!.GetValue<string>(), state["traceHash"]!.GetValue<string>());
        Assert.Equal(missed["events"]!.GetValue<long>(), state["events"]!.GetValue<long>());
        Assert.Equal(missed["tick"]!.GetValue<long>(), state["tick"]!.GetValue<long>());
        Assert.Equal(missed["seq"]!.GetValue<long>(), state["seq"]!.GetValue<long>());
        Assert.True(state["seq"]!.GetValue<long>() > lastHeard + 1, "the state should count the updates missed during the blip");

        // From there the updates go on without a gap, so the client knows it missed nothing more.
        await instructor.InvokeAsync("Step", "after");
        var next = await NextUpdateWithActionAsync(back, "after");
        Assert.Equal(state["seq"]!.GetValue<long>() + 1, next["seq"]!.GetValue<long>());
        Assert.False(next["reset"]!.GetValue<bool>());
    }
}
