using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Cluster.Tests;

/// <summary>
/// A student page that replays the run in the browser, connected to an instance that does not
/// run the room: the hub's <c>Replicate</c> there gives it the recording from the room's grain,
/// the instance's one subscription brings it the updates, and when the room's instance dies the
/// page goes on with the same run (checked, as the page checks it, by replaying to the trace hash).
/// </summary>
public sealed class ReplicaElsewhereTests
{
    [Fact]
    public async Task A_replica_on_silo_2_replays_a_room_run_on_silo_1_and_goes_on_with_the_same_trace_hash_after_silo_1_dies()
    {
        await using var silos = await RoomSilos.StartAsync();
        var scenario = RepositoryScenarios.Scenario("2pc-happy-path");
        var (room, _, error) = RoomSilos.Rooms(silos.Silo1).Create(scenario.Scenario, scenario.Name, "198.51.100.7");
        Assert.Null(error);
        var (_, seat, refused) = RoomSilos.Rooms(silos.Silo2).JoinElsewhere(room!.Code, "Ada", "203.0.113.5");
        Assert.Null(refused);
        using var hub = new LocalHub(RoomSilos.Services(silos.Silo2));
        var page = hub.Connect();
        var replica = new RoomReplica();

        var reply = await hub.Hub(page).Replicate(room.Code, seat!.Id);

        Assert.True(reply.Ok, reply.Error);
        Assert.Equal((room.Id, room.Title, "Ada"), (reply.RoomId, reply.Title, reply.StudentName));
        Assert.NotNull(reply.State!.Recording);
        Assert.Null(replica.Follow(reply.State));

        // The instructor drives the room on silo 1; the page on silo 2 hears it as a replica.
        var grain = RoomSilos.Grains(silos.Silo1).GetGrain<IRoomGrain>(room.Id);
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await grain.Command(new RoomCommand(RoomCommandKind.Step, $"a{i}"))).Done);
        }

        Assert.Null((await grain.Command(new RoomCommand(RoomCommandKind.CrashLeader, "crash"))).Error);
        var acknowledged = (await grain.Command(new RoomCommand(RoomCommandKind.Step, "b"))).State!;
        await page.UntilAsync(c => c.Updates.Any(u => u.ActionId == "b"), "the update of the last step");

        var heard = page.Updates;
        Assert.All(heard, update => Assert.Empty(update.Lines));
        Assert.Contains(heard, update => update.Recording is { } text && text.Contains("crash L", StringComparison.Ordinal));
        Assert.All(heard, update => Assert.Null(replica.Follow(update)));
        Assert.Equal((acknowledged.Events, acknowledged.TraceHash), (heard[^1].Events, heard[^1].TraceHash));
        Assert.Equal(acknowledged.TraceHash, replica.Frame!.TraceHash);

        // Silo 1 dies; the instance's renewal brings the room back on silo 2 and resets the page to it.
        await silos.Cluster.KillSiloAsync(silos.Silo1);
        await page.UntilAsync(c => c.Updates.Any(u => u.Reset), "the room's state from its new activation");
        var reset = page.Updates.First(u => u.Reset);
        Assert.Equal((acknowledged.Events, acknowledged.TraceHash), (reset.Events, reset.TraceHash));
        Assert.Null(replica.Follow(reset));

        var after = (await RoomSilos.Grains(silos.Silo2).GetGrain<IRoomGrain>(room.Id).Command(new RoomCommand(RoomCommandKind.Step, "after"))).State!;
        await page.UntilAsync(c => c.Updates.Any(u => u.ActionId == "after"), "the update of a step after the failover");
        var next = page.Updates.First(u => u.ActionId == "after");
        Assert.Null(replica.Follow(next));
        Assert.Equal(acknowledged.Events + 1, next.Events);
        Assert.Equal(after.TraceHash, replica.Frame!.TraceHash);

        // Catching up after a reconnect asks the hub for the state, which the grain now answers from silo 2.
        var caughtUp = await hub.Hub(page).State();
        Assert.Equal(after.TraceHash, caughtUp.TraceHash);
        Assert.NotNull(caughtUp.Recording);
    }

    [Fact]
    public async Task A_server_rendered_student_page_on_silo_2_follows_a_room_run_on_silo_1_and_answers_its_poll()
    {
        await using var silos = await RoomSilos.StartAsync();
        var scenario = RepositoryScenarios.Scenario("2pc-happy-path");
        var (room, _, error) = RoomSilos.Rooms(silos.Silo1).Create(scenario.Scenario, scenario.Name, "198.51.100.7");
        Assert.Null(error);
        var rooms2 = RoomSilos.Rooms(silos.Silo2);
        var (_, seat, refused) = rooms2.JoinElsewhere(room!.Code, "Ada", "203.0.113.5");
        Assert.Null(refused);
        using var hub = new LocalHub(RoomSilos.Services(silos.Silo2));
        await using var page = new ServerStudentRoomFeed(rooms2, RoomSilos.Grains(silos.Silo2), hub.FanOut);
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await page.OpenAsync(room.Code, seat!.Id, live: true);

        Assert.Null(page.Error);
        Assert.Equal((room.Title, room.Code, "Ada", room.Frame.TraceHash), (page.View!.Title, page.View.Code, page.View.StudentName, page.View.Frame.TraceHash));

        var grain = RoomSilos.Grains(silos.Silo1).GetGrain<IRoomGrain>(room.Id);
        var crashed = (await grain.Command(new RoomCommand(RoomCommandKind.CrashLeader, "crash"))).State!;
        var stepped = (await grain.Command(new RoomCommand(RoomCommandKind.Step, "step"))).State!;
        page.Changed += () =>
        {
            if (page.View?.Frame.TraceHash == stepped.TraceHash)
            {
                changed.TrySetResult();
            }
        };
        if (page.View.Frame.TraceHash != stepped.TraceHash)
        {
            await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.NotEqual(crashed.TraceHash, page.View.Frame.TraceHash);
        Assert.Contains(page.View.Frame.Snapshot.Nodes, node => node is { Name: "L", Up: false });
        Assert.NotNull(page.View.ForkLink);

        // A poll asked on silo 1 reaches the page here, and the answer given here is counted there.
        var asked = await grain.StartPoll("What will P2 do?", ["wait", "commit", "abort"], 0);
        var polled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Changed += () =>
        {
            if (page.View?.Poll?.Id == asked.Poll!.Id)
            {
                polled.TrySetResult();
            }
        };
        if (page.View.Poll?.Id != asked.Poll!.Id)
        {
            await polled.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await page.AnswerAsync(0);
        Assert.Equal((0, (string?)null), (page.View.Mine, page.View.AnswerError));
        var revealed = await grain.RevealPoll();
        Assert.Equal([1, 0, 0], revealed.Poll!.Tally.ToArray());
    }
}
