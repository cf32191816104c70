using CommitLab.Engine.Simulation;
using CommitLab.Web.Classroom;
using CommitLab.Web.Lab.Sharing;
using CommitLab.Web.Tests.Lab;
using Microsoft.AspNetCore.WebUtilities;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>"Try your own fault from here": a student's private Lab opens at the room's moment, faults included.</summary>
public sealed class RoomForkLinkTests : IDisposable
{
    private readonly ClassroomHarness classroom = new();

    public void Dispose() => classroom.Dispose();

    [Fact]
    public void The_fork_link_replays_to_the_same_moment_of_the_room()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        for (var i = 0; i < 5; i++)
        {
            console.StepEvent();
        }

        console.CrashLeader();
        console.StepEvent();

        var link = room.ForkLink;

        Assert.NotNull(link);
        Assert.False(link.StartsWith('/'));
        var query = QueryHelpers.ParseQuery(new Uri("http://x/" + link).Query);
        var (recording, cursor) = ShareLink.Read(query["run"]!, long.Parse(query["e"]!), long.Parse(query["t"]!));
        Assert.Equal(room.Frame.Snapshot.Events, cursor.Events);
        Assert.Equal(room.Frame.Snapshot.Tick, cursor.Tick);
        Assert.Equal("crash L", Assert.Single(recording.Faults).Do.ToText());
        var copy = Simulator.Create(recording);
        copy.RunUntilEvent(cursor.Events);
        Assert.Equal(room.Frame.TraceHash, copy.Trace.Hash());
    }

    [Fact]
    public void The_fork_link_follows_the_run()
    {
        var (room, token) = classroom.Open();
        var before = room.ForkLink;
        Assert.Same(before, room.ForkLink);

        classroom.Console(room, token).StepEvent();

        Assert.NotEqual(before, room.ForkLink);
    }

    [Fact]
    public void A_room_too_long_for_a_link_offers_no_fork_link_rather_than_one_that_fails()
    {
        var (room, _, problem) = classroom.Service.Create(LongRuns.Scattered(), null, "198.51.100.9");
        Assert.True(room is not null, problem);

        Assert.Null(room.ForkLink);
    }
}
