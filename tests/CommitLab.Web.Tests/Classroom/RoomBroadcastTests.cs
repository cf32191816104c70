using CommitLab.Engine.Faults;
using CommitLab.Web.Classroom;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>
/// What a room tells every page after a change: frames in order, the instructor's action id once,
/// a reset when the run goes back, and exactly the trace lines that are new.
/// </summary>
public sealed class RoomBroadcastTests : IDisposable
{
    private readonly ClassroomHarness classroom = new();
    private readonly Room room;
    private readonly InstructorConsole console;
    private readonly List<RoomBroadcast> heard = [];

    public RoomBroadcastTests()
    {
        (room, var token) = classroom.Open();
        console = classroom.Console(room, token);
        room.Updated += heard.Add;
    }

    public void Dispose() => classroom.Dispose();

    /// <summary>The trace lines of the room's run as it stands, read from the run itself.</summary>
    private List<string> TraceLines() => room.Peek(s => s.Read(sim => sim.Trace.Events.Select(e => sim.Trace.Line(e)).ToList()));

    [Fact]
    public void Every_change_is_broadcast_once_with_a_growing_sequence_number_and_the_frame_pages_render()
    {
        console.StepEvent("a1");
        console.StepEvent("a2");
        console.SetSpeed(3, "a3");
        console.Pause("a4");

        Assert.Equal(4, heard.Count);
        Assert.True(heard.Zip(heard.Skip(1)).All(p => p.Second.Frame.Seq > p.First.Frame.Seq));
        Assert.Same(room.Frame, heard[^1].Frame);
        Assert.Equal(2, heard[1].Frame.Snapshot.Events);
        Assert.Equal(3, heard[2].Frame.Speed);
    }

    [Fact]
    public void The_action_id_comes_back_on_the_broadcast_it_caused_and_never_again()
    {
        console.StepEvent("a1");
        console.StepEvent();
        console.CrashLeader("crash-1");
        console.StepEvent(null);

        Assert.Equal(["a1", null, "crash-1", null], heard.Select(b => b.ActionId));
    }

    [Fact]
    public void A_refused_action_does_not_lend_its_id_to_the_next_broadcast()
    {
        console.StepEvent("a1");

        Assert.ThrowsAny<ArgumentException>(() => console.Inject(new FaultAction.Crash("P9"), "bad-1"));
        console.StepEvent();

        Assert.Equal(["a1", null], heard.Select(b => b.ActionId));
        Assert.DoesNotContain(heard, b => b.ActionId == "bad-1");
    }

    [Fact]
    public void Stepping_forward_sends_exactly_the_new_trace_lines()
    {
        var start = TraceLines();

        for (var i = 0; i < 6; i++)
        {
            console.StepEvent();
        }

        console.CrashLeader();
        console.StepEvent();

        Assert.All(heard, b => Assert.False(b.Reset));
        Assert.Equal(TraceLines(), start.Concat(heard.SelectMany(b => b.Lines)));
        Assert.Equal(heard[^1].Frame.TraceCount, TraceLines().Count);
    }

    [Fact]
    public void Restart_is_a_reset_and_the_lines_start_over()
    {
        for (var i = 0; i < 6; i++)
        {
            console.StepEvent();
        }

        heard.Clear();

        console.Restart("r1");

        var reset = Assert.Single(heard);
        Assert.True(reset.Reset);
        Assert.Equal("r1", reset.ActionId);
        Assert.Equal(0, reset.Frame.Snapshot.Events);
        Assert.Equal(TraceLines(), reset.Lines);

        console.StepEvent();
        console.StepEvent();
        Assert.False(heard[^1].Reset);
        Assert.Equal(TraceLines(), heard.SelectMany(b => b.Lines));
    }

    [Fact]
    public void Seeking_back_is_a_reset_and_seeking_forward_is_not()
    {
        for (var i = 0; i < 8; i++)
        {
            console.StepEvent();
        }

        var tick = room.Frame.Snapshot.Tick;
        heard.Clear();

        console.SeekTick(tick / 2, "back");
        var linesBack = TraceLines();
        console.SeekTick(tick + 100, "forward");

        Assert.True(heard[0].Reset);
        Assert.Equal("back", heard[0].ActionId);
        Assert.Equal(linesBack, heard[0].Lines);
        Assert.True(heard[1].Frame.Snapshot.Events > heard[0].Frame.Snapshot.Events);
        Assert.False(heard[1].Reset);
        Assert.Equal("forward", heard[1].ActionId);
        Assert.Equal(TraceLines(), heard[0].Lines.Concat(heard[1].Lines));
    }

    [Fact]
    public void Loading_a_scenario_is_a_reset()
    {
        for (var i = 0; i < 8; i++)
        {
            console.StepEvent();
        }

        heard.Clear();

        console.Load(Support.RepositoryFiles.Scenario("3pc-happy-path").Scenario, "3pc-happy-path", "load-1");

        var reset = Assert.Single(heard);
        Assert.True(reset.Reset);
        Assert.Equal("load-1", reset.ActionId);
        Assert.Equal(TraceLines(), reset.Lines);
    }

    [Fact]
    public void A_poll_is_announced_to_pages_and_pauses_with_a_broadcast()
    {
        PollView? announced = null;
        room.PollChanged += view => announced = view;

        var poll = console.StartPoll("Q?", ["a", "b"], null);

        Assert.Equal(poll, announced);
        Assert.False(Assert.Single(heard).Frame.Playing);
        console.ClosePoll();
        Assert.Null(announced);
    }

    [Fact]
    public void The_play_timer_publishing_between_instructor_actions_never_carries_or_takes_their_ids()
    {
        using var timed = new ClassroomHarness(holdTimers: true);
        var (playing, token) = timed.Open("3pc-happy-path");
        var driver = timed.Console(playing, token);
        var updates = new List<RoomBroadcast>();
        playing.Updated += updates.Add;

        driver.Play("play-1");
        timed.Clock.Advance(TimeSpan.FromMilliseconds(400));
        timed.Clock.FireTimers();
        driver.CrashLeader("crash-1");
        timed.Clock.Advance(TimeSpan.FromMilliseconds(400));
        timed.Clock.FireTimers();

        Assert.Equal(["play-1", null, "crash-1", null], updates.Select(b => b.ActionId));
        // Each id arrives with its own action's frame: the crash's shows L down at the moment it was
        // injected, and the timer's later frames moved the run on.
        var crash = updates[2].Frame.Snapshot;
        Assert.False(crash.Nodes.Single(n => n.Name == "L").Up);
        Assert.Equal(updates[1].Frame.Snapshot.Tick, crash.Tick);
        Assert.True(updates[3].Frame.Snapshot.Tick > crash.Tick);
        Assert.True(updates[0].Frame.Playing);
    }

    [Fact]
    public void A_play_timer_tick_on_another_thread_during_an_instructor_command_leaves_the_id_to_that_command()
    {
        using var timed = new ClassroomHarness(holdTimers: true);
        var (playing, token) = timed.Open("2pc-happy-path");
        var driver = timed.Console(playing, token);
        driver.Play("play-1");
        var updates = new List<RoomBroadcast>();
        playing.Updated += updates.Add;

        playing.Command(session =>
        {
            // The play timer fires on its own thread after the instructor's call began and before
            // it reached the run: its frame is published first, and without the instructor's id.
            timed.Clock.Advance(TimeSpan.FromMilliseconds(400));
            var timer = new Thread(timed.Clock.FireTimers);
            timer.Start();
            timer.Join();
            session.StepEvent("mine");
        });

        Assert.Equal([null, "mine"], updates.Select(b => b.ActionId));
        Assert.True(updates[0].Frame.Playing);
        Assert.False(updates[1].Frame.Playing);
        Assert.Equal(updates[0].Frame.Snapshot.Events + 1, updates[1].Frame.Snapshot.Events);
    }
}
