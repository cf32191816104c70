using CommitLab.Engine.Faults;
using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Cluster.Tests;

/// <summary>
/// A room is a grain: opened through one silo, it runs there; when that silo goes, the next call
/// activates it on another silo, which replays the stored recording to the same moment. The
/// engine is deterministic, so "the same run" is checked by its trace hash.
/// </summary>
public sealed class RoomFailoverTests
{
    [Fact]
    public async Task A_room_opened_on_silo_1_is_reactivated_on_silo_2_after_silo_1_stops_with_the_same_trace_hash_and_every_acknowledged_action()
    {
        await using var silos = await RoomSilos.StartAsync();
        var roomId = OpenRoom(silos);
        var before = await DriveAsync(RoomSilos.Grains(silos.Silo1).GetGrain<IRoomGrain>(roomId));

        await silos.Cluster.StopSiloAsync(silos.Silo1);

        await AssertSameRunOnSilo2Async(silos, roomId, before);
    }

    [Fact]
    public async Task A_room_whose_silo_is_killed_comes_back_on_the_other_silo_with_every_acknowledged_action()
    {
        await using var silos = await RoomSilos.StartAsync();
        var roomId = OpenRoom(silos);
        var before = await DriveAsync(RoomSilos.Grains(silos.Silo1).GetGrain<IRoomGrain>(roomId));

        // No deactivation, no last save: what survives is what was written before each reply.
        await silos.Cluster.KillSiloAsync(silos.Silo1);

        await AssertSameRunOnSilo2Async(silos, roomId, before);
    }

    [Fact]
    public async Task An_instance_following_a_room_run_elsewhere_gets_every_update_once_and_in_order()
    {
        await using var silos = await RoomSilos.StartAsync();
        var roomId = OpenRoom(silos);
        var collector = new UpdateCollector();
        var reference = RoomSilos.Grains(silos.Silo2).CreateObjectReference<IRoomObserver>(collector);
        collector.Subscribed((await RoomSilos.Grains(silos.Silo2).GetGrain<IRoomGrain>(roomId).Subscribe(reference, []))!);

        var grain = RoomSilos.Grains(silos.Silo1).GetGrain<IRoomGrain>(roomId);
        var sent = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var id = $"step-{i}";
            sent.Add(id);
            Assert.True((await grain.Command(new RoomCommand(RoomCommandKind.Step, id))).Done);
        }

        var updates = await collector.UntilActionAsync("step-19");
        Assert.Equal(sent, updates.Select(u => u.ActionId).OfType<string>());
        Assert.Equal(Enumerable.Range(0, updates.Count).Select(i => updates[0].Seq + i), updates.Select(u => u.Seq));
        Assert.Equal(20, updates[^1].Events);
    }

    private static string OpenRoom(RoomSilos silos)
    {
        var scenario = RepositoryScenarios.Scenario("2pc-happy-path");
        var (room, token, error) = RoomSilos.Rooms(silos.Silo1).Create(scenario.Scenario, scenario.Name, "198.51.100.7");
        Assert.Null(error);
        Assert.NotNull(token);
        return room!.Id;
    }

    /// <summary>Steps, crashes the leader, steps on and changes the speed through silo 1; returns the run as the last reply acknowledged it.</summary>
    private static async Task<RoomUpdate> DriveAsync(IRoomGrain grain)
    {
        Assert.Null((await grain.Host(null)).Problem);
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await grain.Command(new RoomCommand(RoomCommandKind.Step, $"a{i}"))).Done);
        }

        Assert.Null((await grain.Command(new RoomCommand(RoomCommandKind.CrashLeader, "crash"))).Error);
        Assert.Null((await grain.Command(new RoomCommand(RoomCommandKind.Inject, "cut P1-P2", "cut P1-P2"))).Error);
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await grain.Command(new RoomCommand(RoomCommandKind.Step, $"b{i}"))).Done);
        }

        var last = await grain.Command(new RoomCommand(RoomCommandKind.SetSpeed, "speed", Number: 2));
        Assert.Null(last.Error);
        return last.State!;
    }

    private static async Task AssertSameRunOnSilo2Async(RoomSilos silos, string roomId, RoomUpdate before)
    {
        var grain = RoomSilos.Grains(silos.Silo2).GetGrain<IRoomGrain>(roomId);
        var placement = await UntilAnsweredAsync(() => grain.Host(null));
        Assert.Equal(RoomSilos.Address(silos.Silo2), placement.Silo);
        Assert.Null(placement.Problem);

        var after = await grain.State();
        Assert.NotNull(after);
        Assert.Equal(before.TraceHash, after.TraceHash);
        Assert.Equal(before.Events, after.Events);
        Assert.Equal(before.Tick, after.Tick);
        Assert.Equal(2, after.Speed);

        var room = RoomSilos.Rooms(silos.Silo2).FindById(roomId);
        Assert.NotNull(room);
        Assert.Equal(["crash L", "cut P1-P2"], room.Recording.Faults.Select(f => f.Do.ToText()));

        // The run goes on from there on silo 2, as the same run.
        var next = await grain.Command(new RoomCommand(RoomCommandKind.Step, "after"));
        Assert.True(next.Done);
        Assert.Equal(before.Events + 1, next.State!.Events);
    }

    /// <summary>
    /// Calls until the cluster answers: after a silo is killed, calls routed to it fail until the
    /// membership declares it dead (a few seconds with the test cluster's probe settings).
    /// </summary>
    private static async Task<T> UntilAnsweredAsync<T>(Func<Task<T>> call)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException && DateTime.UtcNow < deadline)
            {
                // The dead silo is still in the directory; the next attempt goes where membership now says.
            }
        }
    }
}
