using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Classroom;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>
/// Only the room's token opens its console, and the console's controls change the one run every
/// page follows. Facts are pinned on the shipped <c>2pc-happy-path</c> scenario.
/// </summary>
public sealed class InstructorConsoleTests : IDisposable
{
    private readonly ClassroomHarness classroom = new();

    public void Dispose() => classroom.Dispose();

    private static void Steps(InstructorConsole console, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(console.StepEvent());
        }
    }

    [Fact]
    public void The_rooms_own_token_opens_its_console()
    {
        var (room, token) = classroom.Open();

        var console = classroom.Service.OpenConsole(room.Id, token, "instructor").Console;

        Assert.NotNull(console);
        Assert.Same(room, console.Room);
    }

    [Fact]
    public void A_wrong_token_opens_nothing_is_logged_and_leaves_the_run_as_it_was()
    {
        var (room, token) = classroom.Open();
        var (other, otherToken) = classroom.Open();
        Steps(classroom.Console(room, token), 4);
        var before = room.Frame;

        string?[] wrong = [null, "", RoomSecrets.NewToken(), otherToken, token[..^1], token + "A", new string('A', 100_000)];
        foreach (var guess in wrong)
        {
            Assert.Null(classroom.Service.OpenConsole(room.Id, guess, "student page 203.0.113.5").Console);
        }

        Assert.Null(classroom.Service.OpenConsole("no-such-room", token, "student page 203.0.113.5").Console);
        Assert.Null(classroom.Service.OpenConsole(null, token, "student page 203.0.113.5").Console);
        Assert.Null(classroom.Service.OpenConsole(new string('x', 10_000), token, "student page 203.0.113.5").Console);
        Assert.Null(classroom.Service.OpenConsole(other.Id, token, "student page 203.0.113.5").Console);

        Assert.Same(before, room.Frame);
        Assert.Equal(4, room.Frame.Snapshot.Events);
        Assert.Equal(before.TraceHash, room.Frame.TraceHash);
        Assert.Equal(0, other.Frame.Snapshot.Events);
        var refusals = classroom.Log.Warnings.Where(w => w.StartsWith("Instructor access refused for student page 203.0.113.5", StringComparison.Ordinal)).ToList();
        Assert.Equal(wrong.Length + 4, refusals.Count);
        Assert.Contains(refusals, w => w.EndsWith("wrong token", StringComparison.Ordinal));
        Assert.Contains(refusals, w => w.EndsWith("no such room", StringComparison.Ordinal));
    }

    [Fact]
    public void A_room_starts_paused_at_the_start_with_the_three_prepares_in_flight()
    {
        var (room, _) = classroom.Open();

        Assert.False(room.Frame.Playing);
        Assert.Equal(0, room.Frame.Snapshot.Events);
        Assert.Equal(3, room.Frame.Snapshot.InFlight.Length);
        Assert.All(room.Frame.Snapshot.Nodes, n => Assert.True(n.Up));
    }

    [Fact]
    public void Stepping_moves_the_run_every_page_sees()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);

        Steps(console, 5);

        Assert.Equal(5, room.Frame.Snapshot.Events);
        Assert.Equal(32, room.Frame.Snapshot.Tick);
        Assert.Equal(room.Frame.Snapshot, console.Snapshot);
        Assert.Equal(CommitLab.Engine.Protocols.Phase.Uncertain, Node(room, "P1").Phase);
    }

    [Fact]
    public void Crash_the_leader_takes_L_down_at_the_cursor_and_the_run_blocks()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        Steps(console, 5);

        console.CrashLeader();

        Assert.False(Node(room, "L").Up);
        Assert.All(room.Frame.Snapshot.Nodes.Where(n => n.Name != "L"), n => Assert.True(n.Up));
        Assert.Equal(5, room.Frame.Snapshot.Events);
        Assert.Equal(32, room.Frame.Snapshot.Tick);
        var fault = Assert.Single(room.Recording.Faults);
        Assert.Equal("crash L", fault.Do.ToText());
        Assert.Equal(new FaultTiming.AfterEvent(5, 32), fault.When);
        Assert.Equal(2, PollPresets.EndingOf(room.Recording));

        while (console.StepEvent())
        {
        }

        Assert.Equal(RunOutcome.Blocked, room.Frame.Snapshot.Outcome);
    }

    [Fact]
    public void Drop_the_next_message_drops_the_one_that_would_arrive_first()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        Steps(console, 5);
        Assert.Equal([3L, 4L], room.Frame.Snapshot.InFlight.Select(m => m.Id));

        console.DropNextMessage();

        Assert.Equal([4L], room.Frame.Snapshot.InFlight.Select(m => m.Id));
        Assert.Equal("drop #3", Assert.Single(room.Recording.Faults).Do.ToText());
    }

    [Fact]
    public void Injecting_a_typed_fault_changes_the_run()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);

        console.Inject(new FaultAction.Crash("P2"));

        Assert.False(Node(room, "P2").Up);
        Assert.True(Node(room, "L").Up);
        Assert.Equal("crash P2", Assert.Single(room.Recording.Faults).Do.ToText());
    }

    [Fact]
    public void A_fault_on_an_unknown_node_is_refused_and_changes_nothing()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        Steps(console, 2);
        var before = room.Frame;

        Assert.ThrowsAny<ArgumentException>(() => console.Inject(new FaultAction.Crash("P9")));
        Assert.ThrowsAny<ArgumentException>(() => console.Inject(new FaultAction.Crash("")));
        Assert.ThrowsAny<ArgumentException>(() => console.Inject(new FaultAction.Drop(999)));

        Assert.Same(before, room.Frame);
        Assert.Empty(room.Recording.Faults);
        Assert.Equal(before.TraceHash, room.Frame.TraceHash);
    }

    [Fact]
    public void Dropping_with_nothing_in_flight_is_refused()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        while (console.StepEvent())
        {
        }

        var before = room.Frame;

        var error = Assert.ThrowsAny<ArgumentException>(() => console.DropNextMessage());
        Assert.Contains("no message is in flight", error.Message, StringComparison.Ordinal);
        Assert.Same(before, room.Frame);
        Assert.Equal(RunOutcome.Committed, room.Frame.Snapshot.Outcome);
    }

    [Fact]
    public void A_speed_that_is_not_a_number_is_refused()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);

        Assert.ThrowsAny<ArgumentException>(() => console.SetSpeed(double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => console.SetSpeed(double.PositiveInfinity));
        console.SetSpeed(4);

        Assert.Equal(4, room.Frame.Speed);
    }

    [Fact]
    public void Restart_goes_back_to_the_start_and_keeps_the_faults()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        Steps(console, 5);
        console.CrashLeader();
        Steps(console, 3);

        console.Restart();

        Assert.Equal(0, room.Frame.Snapshot.Events);
        Assert.True(Node(room, "L").Up);
        Assert.Single(room.Recording.Faults);
        Assert.True(console.IsBehindHead);
        Steps(console, 5);
        Assert.False(Node(room, "L").Up);
    }

    [Fact]
    public void Killing_a_leader_that_is_already_down_is_refused_and_records_nothing()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        Steps(console, 5);
        console.CrashLeader();

        var refused = Assert.Throws<ArgumentException>(() => console.CrashLeader());

        Assert.StartsWith("L is already down", refused.Message, StringComparison.Ordinal);
        Assert.Single(room.Recording.Faults);
    }

    [Fact]
    public void Loading_another_scenario_starts_the_room_over_on_it()
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        Steps(console, 5);
        console.CrashLeader();

        console.Load(RepositoryFiles.Scenario("3pc-happy-path").Scenario, "3pc-happy-path");

        Assert.Equal("3pc-happy-path", room.ScenarioName);
        Assert.Equal(CommitLab.Engine.Protocols.ProtocolKind.ThreePhase, room.Frame.Snapshot.Protocol);
        Assert.Equal(0, room.Frame.Snapshot.Events);
        Assert.Empty(room.Recording.Faults);
    }

    [Theory]
    [InlineData("3pc-happy-path")]
    [InlineData("2pc-participant-votes-no")]
    [InlineData("2pc-outcome-log")]
    public void After_loading_a_scenario_pages_show_the_new_runs_trace_and_narration(string name)
    {
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);

        console.Load(RepositoryFiles.Scenario(name).Scenario, name);

        var fresh = CommitLab.Engine.Simulation.Simulator.Create(room.Recording);
        Assert.Equal(fresh.Trace.Count, room.Frame.TraceCount);
        Assert.Equal(fresh.Trace.Hash(), room.Frame.TraceHash);
        Assert.Equal(
            CommitLab.Web.Lab.Narration.Narrator.Recent(fresh.Trace, fresh.Snapshot().Protocol, fresh.Trace.Count, CommitLab.Web.Lab.LabFrameBuilder.NarrationLines).Select(l => l.ToString()),
            room.Frame.Narration.Select(l => l.ToString()));
        Assert.Equal(
            CommitLab.Web.Lab.SpaceTime.SpaceTimeSvg.RenderInline(CommitLab.Web.Lab.SpaceTime.SpaceTimeDiagram.Build(fresh.Trace, fresh.Trace.Count, 0, CommitLab.Web.Lab.LabFrameBuilder.DiagramOptions)),
            room.Frame.SpaceTimeSvg);
    }

    private static CommitLab.Engine.Simulation.NodeSnapshot Node(Room room, string name) =>
        room.Frame.Snapshot.Nodes.Single(n => n.Name == name);
}
