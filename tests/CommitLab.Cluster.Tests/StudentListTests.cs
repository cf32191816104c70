namespace CommitLab.Cluster.Tests;

/// <summary>
/// The instructor's list of students covers every instance: an instance that does not run the
/// room reports who follows it there (names and how many pages) with its subscription, and the
/// console on the room's instance lists them with its own students.
/// </summary>
public sealed class StudentListTests
{
    [Fact]
    public async Task The_console_lists_by_name_the_students_on_either_instance_marks_who_answered_and_drops_those_who_leave()
    {
        await using var silos = await RoomSilos.StartAsync();
        using var hub1 = new LocalHub(RoomSilos.Services(silos.Silo1));
        using var hub2 = new LocalHub(RoomSilos.Services(silos.Silo2));
        var console = hub1.Connect();
        var opened = await hub1.Hub(console).OpenRoom("2pc-happy-path");
        Assert.True(opened.Ok, opened.Error);

        // Ada and Ben on silo 2 (Ben with two tabs), Cleo on silo 1, where the room runs.
        var ada = hub2.Connect();
        Assert.True((await hub2.Hub(ada).Join(opened.Code, "Ada")).Ok);
        var benFirstTab = hub2.Connect();
        var ben = await hub2.Hub(benFirstTab).Join(opened.Code, "Ben");
        Assert.True(ben.Ok, ben.Error);
        var benSecondTab = hub2.Connect();
        Assert.True((await hub2.Hub(benSecondTab).Rejoin(opened.Code, ben.StudentId)).Ok);
        Assert.True((await hub1.Hub(hub1.Connect()).Join(opened.Code, "Cleo")).Ok);

        await console.UntilAsync(c => c.HeadCount == 4, "a head count of four");
        // What the Blazor console on silo 1 lists: each student once, with their tabs, wherever they are.
        var room = RoomSilos.Rooms(silos.Silo1).FindById(opened.RoomId!)!;
        Assert.Equal([("Ada", 1, false), ("Ben", 2, false), ("Cleo", 1, false)], Listed(room));

        // Ada answers through silo 2: the list marks her as having answered.
        var poll = await hub1.Hub(console).StartPoll("Who decides?", ["L", "P1"], 0);
        Assert.Null(await hub2.Hub(ada).Answer(poll.Id, 1));
        Assert.Equal([("Ada", 1, true), ("Ben", 2, false), ("Cleo", 1, false)], Listed(room));

        await hub2.Hub(ada).OnDisconnectedAsync(null);
        await hub2.Hub(benFirstTab).OnDisconnectedAsync(null);
        await console.UntilAsync(c => c.HeadCount == 2, "a head count of two after Ada and one of Ben's tabs left");
        Assert.Equal([("Ben", 1, false), ("Cleo", 1, false)], Listed(room));
    }

    private static (string Name, int Tabs, bool Answered)[] Listed(CommitLab.Web.Classroom.Room room) =>
        [.. room.Students().Select(s => (s.Name, s.Connections, s.AnsweredCurrentPoll))];
}
