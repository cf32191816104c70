using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab;

/// <summary>One run being watched: cursor, branching, hand faults, and the frame it publishes after every change.</summary>
public class PlaybackSessionTests
{
    [Fact]
    public void A_new_session_shows_a_2pc_run_at_its_start_with_prepares_in_flight()
    {
        using var lab = new PlaybackSession();

        Assert.Equal(0, lab.Snapshot.Tick);
        Assert.Equal(3, lab.Snapshot.InFlight.Length);
        Assert.False(lab.Playing);
    }

    [Fact]
    public void Advancing_wall_time_moves_the_run_at_the_chosen_speed()
    {
        using var lab = new PlaybackSession();
        lab.SetSpeed(2);

        lab.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal((long)(PlaybackSpeed.TicksPerSecondAt1x * 2), lab.Snapshot.Tick);
    }

    [Fact]
    public void Running_on_to_a_tick_reaches_the_same_moment_as_seeking_there_and_never_goes_back()
    {
        using var sought = new PlaybackSession();
        sought.SeekTick(130);
        using var lab = new PlaybackSession();
        lab.SeekTick(40);

        lab.RunTo(130);
        var at = lab.Frame.TraceHash;
        lab.RunTo(60);

        Assert.Equal(130, lab.Tick);
        Assert.Equal(sought.Frame.TraceHash, at);
        Assert.Equal(sought.Snapshot.Events, lab.Snapshot.Events);
        Assert.False(lab.Playing);
    }

    [Fact]
    public void Speed_is_clamped_to_the_log_scale_ends()
    {
        using var lab = new PlaybackSession();

        lab.SetSpeed(1000);
        Assert.Equal(PlaybackSpeed.Max, lab.Speed);
        lab.SetSpeed(0);
        Assert.Equal(PlaybackSpeed.Min, lab.Speed);
        Assert.Equal(0.1, PlaybackSpeed.FromExponent(-1), 6);
        Assert.Equal(10, PlaybackSpeed.FromExponent(1), 6);
    }

    [Fact]
    public void Scrubbing_back_then_injecting_starts_a_branch_and_drops_the_old_future()
    {
        using var lab = new PlaybackSession();
        lab.SeekTick(60);
        lab.Inject(new FaultAction.Crash("P3"));
        lab.SeekTick(2_000);
        var crashedFuture = lab.Read(s => s.Trace.Hash());

        lab.SeekTick(10);
        Assert.True(lab.IsBehindHead);
        lab.Inject(new FaultAction.Crash("L"));

        Assert.Equal(10, lab.BranchedAtTick);
        Assert.Single(lab.Recording.Faults);
        Assert.Equal("crash L", lab.Recording.Faults[0].Do.ToText());
        lab.SeekTick(2_000);
        Assert.NotEqual(crashedFuture, lab.Read(s => s.Trace.Hash()));
    }

    [Fact]
    public void Seeking_to_a_position_and_back_gives_the_same_snapshot()
    {
        using var lab = new PlaybackSession();
        lab.StepEvent();
        lab.StepEvent();
        lab.StepEvent();
        var position = lab.Cursor;
        var hash = lab.Read(s => s.Trace.Hash());

        lab.SeekTick(500);
        lab.Seek(position);

        Assert.Equal(position, lab.Cursor);
        Assert.Equal(hash, lab.Read(s => s.Trace.Hash()));
    }

    [Fact]
    public void A_fault_naming_an_unknown_node_is_refused_and_nothing_changes()
    {
        using var lab = new PlaybackSession();
        var before = lab.Recording;

        Assert.Throws<ArgumentException>(() => lab.Inject(new FaultAction.Crash("P7")));

        Assert.Same(before, lab.Recording);
    }

    [Fact]
    public void A_scenario_beyond_the_labs_drawing_is_refused_with_a_reason_and_the_run_stays()
    {
        using var lab = new PlaybackSession();
        var before = lab.Recording;

        var error = Assert.Throws<ScenarioException>(() => lab.Load(new Scenario { Participants = 12 }));

        Assert.Contains("at most 9 participants", error.Message, StringComparison.Ordinal);
        Assert.Same(before, lab.Recording);
    }

    [Fact]
    public void Loading_a_scenario_keeps_its_faults_and_the_run_plays_to_its_expected_outcome()
    {
        using var lab = new PlaybackSession();
        var scenario = new Scenario { Protocol = ProtocolKind.TwoPhase, Participants = 2 } with
        {
            Faults = [new ScheduledFault(new FaultTiming.OnTrigger(FaultText.ParseTrigger("L logs commit")), FaultText.ParseAction("crash L"))],
        };

        lab.Load(scenario);
        lab.SeekTick(LabSettings.MaxTicks);

        Assert.Equal(RunOutcome.Blocked, lab.Snapshot.Outcome);
        Assert.Equal(2, lab.Snapshot.Monitors.Blocked.Length);
    }

    [Fact]
    public void Every_visible_change_publishes_one_frame_with_the_id_of_the_action_that_caused_it()
    {
        using var lab = new PlaybackSession();
        var updates = new List<PlaybackUpdate>();
        lab.Published += updates.Add;

        lab.StepEvent("step-1");
        lab.SetSpeed(3);
        lab.Inject(new FaultAction.Crash("P1"), "crash-1");

        Assert.Equal(["step-1", null, "crash-1"], updates.Select(u => u.ActionId));
        Assert.Equal(1, updates[0].Frame.Snapshot.Events);
        Assert.Equal(3, updates[1].Frame.Speed);
        Assert.False(updates[2].Frame.Snapshot.Nodes.Single(n => n.Name == "P1").Up);
        Assert.Same(lab.Frame, updates[^1].Frame);
    }

    [Fact]
    public void A_thousand_hand_faults_are_taken_the_next_is_refused_with_the_runs_reason_and_the_run_goes_on()
    {
        using var lab = new PlaybackSession();
        for (var i = 0; i < Scenario.MaxFaults; i++)
        {
            lab.Inject(new FaultAction.Freeze("P1", 1));
        }

        var before = lab.Recording;

        var refused = Assert.Throws<ArgumentException>(() => lab.Inject(new FaultAction.Crash("L")));

        Assert.Equal(Simulator.MaxFaultsMessage, refused.Message);
        Assert.Same(before, lab.Recording);
        Assert.Equal(Scenario.MaxFaults, lab.HandFaults);
        Assert.True(lab.Snapshot.Nodes.Single(n => n.Name == "L").Up);
        Assert.True(lab.StepEvent());
        Assert.Equal(1, lab.Frame.Snapshot.Events);
    }

    [Fact]
    public void Clearing_hand_faults_goes_back_to_the_scenario_as_loaded()
    {
        using var lab = new PlaybackSession();
        lab.Load(new Scenario { Participants = 2, Faults = [new ScheduledFault(new FaultTiming.AtTick(500), new FaultAction.Crash("P2"))] });
        lab.StepEvent();
        lab.Inject(new FaultAction.Crash("L"));

        lab.ClearHandFaults();

        Assert.Equal(0, lab.HandFaults);
        Assert.Equal(lab.Loaded, lab.Recording);
        Assert.Single(lab.Recording.Faults);
        Assert.Equal(0, lab.Snapshot.Events);
        Assert.Equal(default, lab.Head);
    }

    [Fact]
    public void Stepping_back_returns_to_exactly_the_snapshot_one_event_earlier()
    {
        using var lab = new PlaybackSession();
        for (var i = 0; i < 6; i++)
        {
            lab.StepEvent();
        }

        var before = lab.Snapshot;
        lab.StepEvent();

        Assert.True(lab.StepBack());
        Assert.Equal(before.Events, lab.Snapshot.Events);
        Assert.Equal(before.Tick, lab.Snapshot.Tick);
        Assert.Equal(before.InFlight.Select(m => m.Id), lab.Snapshot.InFlight.Select(m => m.Id));
        Assert.True(lab.IsBehindHead);
    }

    [Fact]
    public void Stepping_back_at_the_start_does_nothing()
    {
        using var lab = new PlaybackSession();

        Assert.False(lab.StepBack());
        Assert.Equal(0, lab.Snapshot.Events);
    }

    [Fact]
    public void The_speed_says_how_much_protocol_time_it_shows()
    {
        Assert.Equal("1 ms of protocol time per 40 ms", PlaybackSpeed.Meaning(1));
        Assert.Equal("1 ms of protocol time per 4 ms", PlaybackSpeed.Meaning(10));
        Assert.Equal("1 ms of protocol time per 400 ms", PlaybackSpeed.Meaning(0.1));
    }
}
