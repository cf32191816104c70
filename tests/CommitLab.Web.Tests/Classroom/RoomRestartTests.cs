using CommitLab.Web.Classroom;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>
/// After a server restart the instructor link and the join code still work, and the room's run is
/// back at the same moment, rebuilt by replaying its recording (the scenario and its faults).
/// </summary>
public sealed class RoomRestartTests : IDisposable
{
    private readonly ClassroomHarness classroom = new();

    public void Dispose() => classroom.Dispose();

    [Fact]
    public void A_restarted_server_restores_the_run_the_console_the_students_and_the_poll()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        for (var i = 0; i < 5; i++)
        {
            console.StepEvent();
        }

        console.CrashLeader();
        console.DropNextMessage();
        console.StepEvent();
        console.StepEvent();
        console.SetSpeed(2);
        var ada = classroom.Join(room, "Ada");
        var grace = classroom.Join(room, "Grace");
        var poll = console.StartPoll("How will this run end?", ["Commit", "Abort", "Block"], 1);
        room.Answer(ada.Id, poll.Id, 2);
        room.Answer(grace.Id, poll.Id, 1);
        var before = room.Frame;
        var code = room.Code;
        var id = room.Id;

        classroom.Restart();

        var restored = classroom.Service.FindByCode(code);
        Assert.NotNull(restored);
        Assert.NotSame(room, restored);
        Assert.Equal(id, restored.Id);
        Assert.Equal(7, restored.Frame.Snapshot.Events);
        Assert.Equal(before.Snapshot.Events, restored.Frame.Snapshot.Events);
        Assert.Equal(before.Snapshot.Tick, restored.Frame.Snapshot.Tick);
        Assert.Equal(before.TraceHash, restored.Frame.TraceHash);
        Assert.Equal(before.TraceCount, restored.Frame.TraceCount);
        Assert.False(restored.Frame.Snapshot.Nodes.Single(n => n.Name == "L").Up);
        Assert.Equal(["crash L", "drop #3"], restored.Recording.Faults.Select(f => f.Do.ToText()));
        Assert.False(restored.Frame.Playing);
        Assert.Equal(2, restored.Frame.Speed);
        Assert.Equal("2pc-happy-path", restored.ScenarioName);

        var reopened = classroom.Service.OpenConsole(id, token, "instructor after restart").Console;
        Assert.NotNull(reopened);
        Assert.Same(restored, reopened.Room);
        Assert.Null(classroom.Service.OpenConsole(id, RoomSecrets.NewToken(), "guess after restart").Console);

        var (back, student) = classroom.Service.Rejoin(RoomSecrets.Display(code), ada.Id);
        Assert.Same(restored, back);
        Assert.Equal("Ada", student!.Name);
        Assert.Equal(2, restored.Joined);

        var open = restored.Poll!;
        Assert.Equal(poll.Id, open.Id);
        Assert.Equal("How will this run end?", open.Question);
        Assert.Equal(PollStatus.Open, open.Status);
        Assert.Equal([0, 1, 1], open.Tally.ToArray());
        Assert.Equal(2, restored.AnswerOf(ada.Id));
        Assert.Null(restored.Answer(ada.Id, poll.Id, 1));
        Assert.Equal([0, 2, 0], restored.Poll!.Tally.ToArray());
    }

    [Fact]
    public void The_restored_run_plays_on_exactly_as_the_original_would_have()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        for (var i = 0; i < 5; i++)
        {
            console.StepEvent();
        }

        console.CrashLeader();
        var code = room.Code;

        // What the original run reaches at its end, on a copy that is not the room.
        var expected = CommitLab.Engine.Simulation.Simulator.Create(room.Recording);
        expected.RunToEnd();

        classroom.Restart();
        var restored = classroom.Service.FindByCode(code)!;
        var again = classroom.Service.OpenConsole(restored.Id, token, "instructor").Console!;
        while (again.StepEvent())
        {
        }

        Assert.Equal(expected.Trace.Hash(), restored.Frame.TraceHash);
        Assert.Equal(CommitLab.Engine.Scenarios.RunOutcome.Blocked, restored.Frame.Snapshot.Outcome);
    }

    [Fact]
    public void A_branch_started_behind_the_head_is_what_comes_back()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        for (var i = 0; i < 10; i++)
        {
            console.StepEvent();
        }

        console.CrashLeader();
        console.SeekTick(25);
        console.Inject(new CommitLab.Engine.Faults.FaultAction.Crash("P2"));
        console.StepEvent();
        console.StepEvent();
        var before = room.Frame;

        classroom.Restart();

        var restored = classroom.Service.FindByCode(room.Code)!;
        Assert.Equal(["crash P2"], restored.Recording.Faults.Select(f => f.Do.ToText()));
        Assert.Equal(before.Snapshot.Events, restored.Frame.Snapshot.Events);
        Assert.Equal(before.Snapshot.Tick, restored.Frame.Snapshot.Tick);
        Assert.Equal(before.TraceHash, restored.Frame.TraceHash);
        Assert.True(restored.Frame.Snapshot.Nodes.Single(n => n.Name == "L").Up);
        Assert.False(restored.Frame.Snapshot.Nodes.Single(n => n.Name == "P2").Up);
    }

    [Fact]
    public void A_room_moved_to_another_scenario_comes_back_on_that_scenario()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        console.Load(Support.RepositoryFiles.Scenario("3pc-happy-path").Scenario, "3pc-happy-path");
        console.StepEvent();
        console.StepEvent();
        var before = room.Frame;

        classroom.Restart();

        var restored = classroom.Service.FindByCode(room.Code)!;
        Assert.Equal("3pc-happy-path", restored.ScenarioName);
        Assert.Equal(CommitLab.Engine.Protocols.ProtocolKind.ThreePhase, restored.Frame.Snapshot.Protocol);
        Assert.Equal(before.TraceHash, restored.Frame.TraceHash);
    }

    [Fact]
    public void A_revealed_poll_stays_revealed_and_a_closed_one_stays_off_screen()
    {
        var (room, token) = classroom.Open();
        var (other, otherToken) = classroom.Open();
        classroom.Console(room, token).StartPoll("Revealed?", ["a", "b"], 0);
        classroom.Console(room, token).RevealPoll();
        classroom.Console(other, otherToken).StartPoll("Closed?", ["a", "b"], 0);
        classroom.Console(other, otherToken).ClosePoll();

        classroom.Restart();

        Assert.Equal(PollStatus.Revealed, classroom.Service.FindByCode(room.Code)!.Poll!.Status);
        Assert.Null(classroom.Service.FindByCode(other.Code)!.Poll);
        Assert.Single(classroom.Service.OpenConsole(other.Id, otherToken, "instructor").Console!.PollHistory());
    }

    [Fact]
    public void A_full_room_is_still_full_after_a_restart()
    {
        classroom.Options.MaxRoomSize = 2;
        var (room, _) = classroom.Open();
        classroom.Join(room, "Ada");
        classroom.Join(room, "Grace");

        classroom.Restart();

        var result = classroom.Service.Join(room.Code, "Edsger", "203.0.113.9");
        Assert.False(result.Joined);
        Assert.StartsWith("This room is full (2 students).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_room_put_to_sleep_to_make_space_wakes_where_it_was()
    {
        classroom.Options.MaxLiveRooms = 1;
        var (first, token) = classroom.Open();
        var console = classroom.Console(first, token);
        console.StepEvent();
        console.StepEvent();
        console.StepEvent();
        var hash = first.Frame.TraceHash;

        // A room somebody just looked at is never put to sleep: a page is probably joining it.
        Assert.Null(classroom.Service.Create(first.Recording, null, "another-client").Room);
        classroom.Clock.Advance(TimeSpan.FromMinutes(2));
        classroom.Open();
        Assert.Equal(1, classroom.Service.LiveRooms);
        classroom.Clock.Advance(TimeSpan.FromMinutes(2));

        var woken = classroom.Service.FindByCode(first.Code)!;
        Assert.NotSame(first, woken);
        Assert.Equal(3, woken.Frame.Snapshot.Events);
        Assert.Equal(hash, woken.Frame.TraceHash);
    }
}
