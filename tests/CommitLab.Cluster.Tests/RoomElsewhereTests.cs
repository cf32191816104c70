using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Cluster;
using Microsoft.Extensions.DependencyInjection;

namespace CommitLab.Cluster.Tests;

/// <summary>
/// An instance serves rooms that run on another one: a student joins there (seat in the shared
/// store) and answers, and a console there asks and reveals a poll, all through the room's grain.
/// </summary>
public sealed class RoomElsewhereTests
{
    [Fact]
    public async Task A_student_on_another_instance_joins_and_answers_a_poll_asked_through_the_rooms_grain()
    {
        await using var silos = await RoomSilos.StartAsync();
        var scenario = RepositoryScenarios.Scenario("2pc-happy-path");
        var (room, _, error) = RoomSilos.Rooms(silos.Silo1).Create(scenario.Scenario, scenario.Name, "198.51.100.7");
        Assert.Null(error);
        var elsewhere = RoomSilos.Rooms(silos.Silo2);

        // Silo 2 does not bring in a second copy of the room: it says where the room is.
        Assert.Equal(IRoomPlacement.Elsewhere, elsewhere.Join(room!.Code, "Ada", "203.0.113.5").Error);
        var (record, student, refused) = elsewhere.JoinElsewhere(room.Code, "Ada", "203.0.113.5");
        Assert.Null(refused);
        Assert.Equal(room.Id, record!.Id);
        Assert.Equal((room.Id, "Ada"), (elsewhere.RejoinElsewhere(room.Code, student!.Id).Student?.RoomId, elsewhere.RejoinElsewhere(room.Code, student.Id).Student?.Name));

        var grain = RoomSilos.Grains(silos.Silo2).GetGrain<IRoomGrain>(room.Id);
        var description = await grain.Describe();
        Assert.Equal((room.Code, room.Title, room.Frame.TraceHash), (description!.Code, description.Title, description.State.TraceHash));

        var asked = await grain.StartPoll("What will P2 do?", ["wait", "commit", "abort"], 0);
        Assert.Null(asked.Error);
        Assert.Null(await grain.Answer(student.Id, asked.Poll!.Id, 2));
        Assert.Equal("There is no such option.", await grain.Answer(student.Id, asked.Poll.Id, 7));
        var revealed = await grain.RevealPoll();

        Assert.Equal(PollStatus.Revealed, revealed.Poll!.Status);
        Assert.Equal([0, 0, 1], revealed.Poll.Tally.ToArray());
        Assert.Equal("a poll needs between 2 and 6 answers to choose from (it has 1)", (await grain.StartPoll("Only one?", ["yes"], null)).Error);
    }

    [Fact]
    public async Task A_console_link_opened_on_another_instance_learns_the_address_of_the_instance_that_runs_the_room()
    {
        await using var silos = await RoomSilos.StartAsync();
        var scenario = RepositoryScenarios.Scenario("2pc-happy-path");
        var (room, token, error) = RoomSilos.Rooms(silos.Silo1).Create(scenario.Scenario, scenario.Name, "198.51.100.7");
        Assert.Null(error);

        var access = RoomSilos.Rooms(silos.Silo2).OpenConsole(room!.Id, token, "console page", "198.51.100.7");
        var placement = await RoomSilos.Grains(silos.Silo2).GetGrain<IRoomGrain>(room.Id).Host(null);

        Assert.Equal(room.Id, access.ElsewhereRoomId);
        Assert.Equal(RoomSilos.Address(silos.Silo1), placement.Silo);
        var silo1Url = RoomSilos.Services(silos.Silo1).GetRequiredService<ClassroomClusterOptions>().PublicUrl;
        Assert.Equal(silo1Url, placement.PublicUrl);
        Assert.NotEqual(RoomSilos.Services(silos.Silo2).GetRequiredService<ClassroomClusterOptions>().PublicUrl, placement.PublicUrl);
    }
}
