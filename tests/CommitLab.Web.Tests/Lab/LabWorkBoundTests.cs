using System.Text.Json;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Sharing;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lab;

/// <summary>
/// What one Lab (a link, a seek, an import, a hand fault) can make the server do is bounded, and a
/// run that reaches a bound says so instead of failing.
/// </summary>
public class LabWorkBoundTests
{
    [Fact]
    public void A_busy_run_seeks_no_further_than_the_labs_event_limit_and_says_why_it_stopped()
    {
        using var lab = new PlaybackSession();
        lab.Load(BusyRun.Scenario with { MaxEvents = Scenario.MaxEventsLimit });

        lab.SeekTick(100_000);

        Assert.Equal(LabSettings.MaxEvents, lab.Snapshot.Events);
        Assert.Equal(624, lab.Snapshot.Tick);
        Assert.True(lab.Finished);
        Assert.StartsWith("The run stopped after 100,000 events (its limit, maxEvents) at t=624", lab.Snapshot.StopMessage, StringComparison.Ordinal);
        Assert.Equal(LabSettings.MaxEvents, lab.Recording.MaxEvents);
    }

    [Fact]
    public void A_share_link_to_a_far_tick_of_a_busy_run_replays_only_up_to_the_limit()
    {
        var link = ShareLink.Create(BusyRun.Scenario, new TimelinePosition(0, 0));
        Assert.NotNull(link);
        var run = link["/lab?run=".Length..link.IndexOf('&', StringComparison.Ordinal)];
        var (recording, cursor) = ShareLink.Read(run, null, 100_000);
        using var lab = new PlaybackSession();

        lab.Load(recording);
        lab.Seek(cursor);

        Assert.Equal(LabSettings.MaxEvents, lab.Snapshot.Events);
        Assert.NotNull(lab.Snapshot.StopMessage);
    }

    [Fact]
    public void The_1001st_hand_fault_is_refused_with_a_message_and_the_session_keeps_working()
    {
        using var lab = new PlaybackSession();
        for (var i = 0; i < Scenario.MaxFaults; i++)
        {
            lab.Inject(new FaultAction.Freeze("P1", 1));
        }

        var refused = Assert.Throws<ArgumentException>(() => lab.Inject(new FaultAction.Crash("L")));

        Assert.Equal("This run already has 1,000 faults, the most a run can take: scrub back and branch from an earlier moment, or start over, to add another.", refused.Message);
        Assert.Equal(Scenario.MaxFaults, lab.Recording.Faults.Length);
        Assert.True(lab.StepEvent());
        lab.SeekTick(LabSettings.MaxTicks);
        Assert.Equal(RunOutcome.Committed, lab.Snapshot.Outcome);
    }

    [Fact]
    public void Behind_the_head_a_branch_that_drops_later_faults_may_take_a_new_one()
    {
        using var lab = new PlaybackSession();
        lab.StepEvent();
        for (var i = 0; i < Scenario.MaxFaults; i++)
        {
            lab.Inject(new FaultAction.Freeze("P1", 1));
        }

        lab.Restart();
        lab.Inject(new FaultAction.Crash("L"));

        Assert.Equal(new FaultAction.Crash("L"), Assert.Single(lab.Recording.Faults).Do);
        Assert.Equal(0, lab.BranchedAtTick);
    }

    [Fact]
    public void A_trace_import_whose_cursor_lies_past_the_limit_is_refused_before_any_replay()
    {
        var json = JsonSerializer.Serialize(new
        {
            format = TraceExport.Format,
            scenario = ScenarioWriter.ToYaml(BusyRun.Scenario with { MaxEvents = Scenario.MaxEventsLimit }),
            events = 5_000_000,
            tick = 100_000,
            traceHash = "0000000000000000",
        });

        var error = Assert.Throws<ScenarioException>(() => TraceExport.Import("busy.json", json));

        Assert.Equal("busy.json was exported after 5,000,000 events; the Lab replays at most 100,000, so it cannot be opened here", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public void A_trace_import_that_stops_at_the_limit_before_its_hash_matches_says_so()
    {
        var json = JsonSerializer.Serialize(new
        {
            format = TraceExport.Format,
            scenario = ScenarioWriter.ToYaml(BusyRun.Scenario),
            events = 100_000,
            tick = 100_000,
            traceHash = "0000000000000000",
        });

        var error = Assert.Throws<ScenarioException>(() => TraceExport.Import("busy.json", json));

        Assert.StartsWith("busy.json cannot be replayed in the Lab: The run stopped after 100,000 events", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_exported_where_it_stopped_at_its_limit_imports_back()
    {
        using var lab = new PlaybackSession();
        lab.Load(BusyRun.Scenario with { MaxEvents = 2_000 });
        lab.SeekTick(100_000);
        var json = lab.Read(TraceExport.Write);

        var (recording, cursor) = TraceExport.Import("busy.json", json);

        Assert.Equal(lab.Cursor, cursor);
        Assert.Equal(2_000, cursor?.Events);
        Assert.Equal(2_000, recording.MaxEvents);
    }
}
