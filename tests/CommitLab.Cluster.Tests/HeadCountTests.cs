using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Cluster.Tests;

/// <summary>
/// The instructor's head count covers every instance: students connected to an instance that
/// does not run the room are reported to the room's grain with that instance's subscription.
/// </summary>
public sealed class HeadCountTests
{
    [Fact]
    public async Task The_console_counts_students_connected_to_either_instance_and_stops_counting_those_who_leave()
    {
        await using var silos = await RoomSilos.StartAsync();
        using var hub1 = new LocalHub(RoomSilos.Services(silos.Silo1));
        using var hub2 = new LocalHub(RoomSilos.Services(silos.Silo2));
        var console = hub1.Connect();
        var opened = await hub1.Hub(console).OpenRoom("2pc-happy-path");
        Assert.True(opened.Ok, opened.Error);

        var ada = hub2.Connect();
        var ben = hub2.Connect();
        Assert.True((await hub2.Hub(ada).Join(opened.Code, "Ada")).Ok);
        var benSeat = await hub1.Hub(hub1.Connect()).Join(opened.Code, "Ben");
        Assert.True((await hub2.Hub(ben).Replicate(opened.Code, benSeat.StudentId)).Ok);
        var cleo = hub1.Connect();
        Assert.True((await hub1.Hub(cleo).Join(opened.Code, "Cleo")).Ok);

        // Ben's seat was taken through a connection on silo 1 that is still there: four watching.
        await console.UntilAsync(c => c.HeadCount == 4, "a head count of four");
        // The Blazor console on silo 1 reads the same: its own two, and silo 2's two.
        var room = RoomSilos.Rooms(silos.Silo1).FindById(opened.RoomId!)!;
        Assert.Equal((2, 2), (room.Connections, room.StudentsElsewhere));

        await hub2.Hub(ada).OnDisconnectedAsync(null);
        await console.UntilAsync(c => c.HeadCount == 3, "a head count of three after Ada left");

        await hub2.Hub(ben).OnDisconnectedAsync(null);
        await console.UntilAsync(c => c.HeadCount == 2, "a head count of two after Ben left, the last on silo 2");
    }
}
