using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab;

public class LabSessionTests
{
    [Fact]
    public void A_new_session_shows_a_2pc_run_at_its_start_with_prepares_in_flight()
    {
        using var lab = new LabSession();

        Assert.Equal(0, lab.Snapshot.Tick);
        Assert.Equal(3, lab.Snapshot.InFlight.Length);
        Assert.False(lab.Playing);
    }

    [Fact]
    public void Advancing_wall_time_moves_the_run_at_the_chosen_speed()
    {
        using var lab = new LabSession();
        lab.SetSpeed(2);

        lab.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal((long)(PlaybackSpeed.TicksPerSecondAt1x * 2), lab.Snapshot.Tick);
    }

    [Fact]
    public void Speed_is_clamped_to_the_log_scale_ends()
    {
        using var lab = new LabSession();

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
        using var lab = new LabSession();
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
        using var lab = new LabSession();
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
        using var lab = new LabSession();
        var before = lab.Recording;

        Assert.Throws<ArgumentException>(() => lab.Inject(new FaultAction.Crash("P7")));

        Assert.Same(before, lab.Recording);
    }

    [Fact]
    public void Settings_beyond_the_labs_bounds_are_refused_with_a_reason()
    {
        using var lab = new LabSession();

        var error = Assert.Throws<ArgumentException>(() => lab.Configure(new LabSettings { Participants = 12 }));

        Assert.Contains("1 to 9 participants", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_scenario_keeps_its_faults_and_the_run_plays_to_its_expected_outcome()
    {
        using var lab = new LabSession();
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
    public void Changed_is_raised_for_every_visible_change()
    {
        using var lab = new LabSession();
        var changes = 0;
        lab.Changed += () => changes++;

        lab.StepEvent();
        lab.SetSpeed(3);
        lab.Inject(new FaultAction.Crash("P1"));

        Assert.Equal(3, changes);
    }

    [Fact]
    public void Stepping_back_returns_to_exactly_the_snapshot_one_event_earlier()
    {
        using var lab = new LabSession();
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
        using var lab = new LabSession();

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
