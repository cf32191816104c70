using System.Collections.Immutable;
using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Cluster;
using StackExchange.Redis;

namespace CommitLab.Cluster.Tests;

/// <summary>
/// The cluster's store on a real Redis: what an instance acknowledged (a room, a student, a poll,
/// an answer, the run's position) is there for every other instance, and still there after Redis
/// itself is killed and restarted.
/// </summary>
public sealed class RedisClassroomStoreTests
{
    [Fact]
    public void A_room_its_students_polls_and_run_survive_a_killed_and_restarted_Redis()
    {
        using var redis = new RedisServer();
        var created = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
        var room = new RoomRecord("room-1", "ABC234", [1, 2, 3], "2pc-happy-path", "title: x", 0, 0, 1, created, created);
        long pollId;
        using (var connection = ConnectionMultiplexer.Connect(redis.Configuration))
        {
            var store = new RedisClassroomStore(connection);
            store.AddRoom(room);
            Assert.True(store.CodeExists("ABC234"));
            Assert.True(store.SaveRun("room-1", "2pc-happy-path", "title: y", 12, 340, 2));
            Assert.False(store.SaveRun("no-such-room", null, "title: z", 1, 1, 1));
            store.AddStudent(new StudentRecord("s-1", "room-1", "Ada", created));
            store.AddStudent(new StudentRecord("s-2", "room-1", "Grace", created));
            pollId = store.AddPoll("room-1", "What will P2 do?", ["wait", "commit"], 0, 340);
            store.SaveAnswer(pollId, "s-1", 1);
            store.SaveAnswer(pollId, "s-1", 0);
            store.SaveAnswer(pollId, "s-2", 1);
        }

        redis.Crash();

        using var again = ConnectionMultiplexer.Connect(redis.Configuration);
        var reopened = new RedisClassroomStore(again);
        var found = reopened.FindRoomByCode("ABC234");
        Assert.NotNull(found);
        Assert.Equal(("room-1", "title: y", 12L, 340L, 2.0), (found.Id, found.RecordingYaml, found.CursorEvents, found.CursorTick, found.Speed));
        Assert.Equal([1, 2, 3], found.TokenHash);
        Assert.Equal(2, reopened.CountStudents("room-1"));
        Assert.Equal("Grace", reopened.FindStudent("room-1", "s-2")?.Name);
        var poll = reopened.CurrentPoll("room-1");
        Assert.NotNull(poll);
        Assert.Equal((pollId, PollStatus.Open, 0), (poll.Id, poll.Status, poll.Correct!.Value));
        Assert.Equal(ImmutableDictionary<string, int>.Empty.Add("s-1", 0).Add("s-2", 1), poll.Answers);

        // A new question closes the one on screen; the history keeps both, newest first.
        var second = reopened.AddPoll("room-1", "And now?", ["a", "b", "c"], null, 400);
        Assert.Equal([second, pollId], reopened.AllPolls("room-1").Select(p => p.Id));
        Assert.Equal(PollStatus.Closed, reopened.AllPolls("room-1")[1].Status);
        reopened.SetPollStatus(second, PollStatus.Closed);
        Assert.Null(reopened.CurrentPoll("room-1"));
    }

    [Fact]
    public void A_join_code_already_taken_is_refused()
    {
        using var redis = new RedisServer();
        using var connection = ConnectionMultiplexer.Connect(redis.Configuration);
        var store = new RedisClassroomStore(connection);
        var now = DateTimeOffset.UtcNow;
        store.AddRoom(new RoomRecord("room-1", "ABC234", [1], null, "title: x", 0, 0, 1, now));

        var clash = Assert.Throws<InvalidOperationException>(() => store.AddRoom(new RoomRecord("room-2", "ABC234", [2], null, "title: x", 0, 0, 1, now)));

        Assert.Contains("ABC234", clash.Message);
        Assert.Equal("room-1", store.FindRoomByCode("ABC234")?.Id);
    }
}
