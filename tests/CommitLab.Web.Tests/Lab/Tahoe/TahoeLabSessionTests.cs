using CommitLab.Engine.Tahoe;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Tahoe;

namespace CommitLab.Web.Tests.Lab.Tahoe;

/// <summary>
/// Faults by hand in the Tahoe lab, on real runs of the shipped 2PC scenario: they land at the
/// cursor, replay where they happened when the timeline is scrubbed, and branch the run when
/// injected in the past.
/// </summary>
public sealed class TahoeLabSessionTests
{
    private static TahoeLabSession TwoPhase() => TahoeSessions.Loaded("tahoe-2pc");

    private static string Holds(TahoeLabSession session) => string.Join(",", TahoeLabView.From(session.Snapshot).Servers.Select(s => s.Holds));

    [Fact]
    public void A_server_crashed_mid_prepare_leaves_both_writers_waiting_until_it_recovers()
    {
        using var session = TwoPhase();
        session.SeekTick(60);
        session.Inject(TahoeFaultMenu.ForNode("S2", up: true));

        Assert.False(session.Snapshot.Servers[1].Up);
        session.SeekTick(400);
        var stuck = TahoeLabView.From(session.Snapshot);
        Assert.Equal(["aborting", "aborting"], stuck.Writers.Select(w => w.State).ToArray());
        Assert.Equal("v0,v0,v0", Holds(session));

        session.Inject(TahoeFaultMenu.ForNode("S2", up: false));
        session.RunToEnd();

        Assert.Equal("W1#2,W1#2,W1#2", Holds(session));
        Assert.Equal((954L, 144L), (session.Snapshot.Tick, session.Snapshot.Steps));
        Assert.Equal("Every server on the same version.", TahoeLabView.From(session.Snapshot).Outcome?.Headline);
        Assert.Equal("crash S2 at 60 ms, recover S2 at 400 ms", TahoeFaultMenu.Describe(session.HandFaults));
    }

    [Fact]
    public void Without_the_recovery_the_run_never_finishes_and_says_so()
    {
        using var session = TwoPhase();
        session.SeekTick(60);
        session.Inject(new TahoeFaultAction.Crash("S2"));
        session.RunToEnd();

        Assert.Equal(10_000, session.Snapshot.Tick);
        Assert.Equal("v0,v0,v0", Holds(session));
        Assert.Equal("The run stopped before W1 and W2 finished.", TahoeLabView.From(session.Snapshot).Outcome?.Text);
    }

    [Fact]
    public void Scrubbing_replays_a_hand_fault_exactly_where_it_happened()
    {
        using var session = TwoPhase();
        session.SeekTick(60);
        session.Inject(new TahoeFaultAction.Crash("S2"));
        session.RunToEnd();

        session.SeekTick(59);
        Assert.True(session.Snapshot.Servers[1].Up);
        session.SeekTick(60);
        Assert.False(session.Snapshot.Servers[1].Up);
        Assert.True(session.IsBehindHead);
        Assert.Null(session.BranchedAtTick);
    }

    [Fact]
    public void A_fault_injected_in_the_past_starts_a_branch_and_drops_the_later_hand_faults()
    {
        using var session = TwoPhase();
        session.SeekTick(60);
        session.Inject(new TahoeFaultAction.Crash("S2"));
        session.SeekTick(400);
        session.Inject(new TahoeFaultAction.Recover("S2"));
        session.RunToEnd();

        session.SeekTick(100);
        session.Inject(new TahoeFaultAction.Crash("W2"));

        Assert.Equal("crash S2 at 60 ms, crash W2 at 100 ms", TahoeFaultMenu.Describe(session.HandFaults));
        Assert.Equal(100, session.BranchedAtTick);
        Assert.Equal(new TimelinePosition(21, 100), session.Head);
        Assert.False(session.IsBehindHead);
        session.RunToEnd();
        Assert.Equal(["aborting", "crashed"], TahoeLabView.From(session.Snapshot).Writers.Select(w => w.State).ToArray());
    }

    [Fact]
    public void Cutting_a_link_from_the_drawing_cuts_it_both_ways_and_a_second_click_heals_it()
    {
        using var session = TwoPhase();
        var wire = TahoeLabView.From(session.Snapshot).Wires.Single(w => w.Client == "W1" && w.Server == "S3");

        var cut = TahoeFaultMenu.ForWire(wire);
        Assert.Equal("Cut W1-S3", TahoeFaultMenu.Label(cut));
        session.Inject(cut);
        var cutWire = TahoeLabView.From(session.Snapshot).Wires.Single(w => w.Client == "W1" && w.Server == "S3");
        Assert.True(cutWire.Cut);
        Assert.Equal([("S3", "W1"), ("W1", "S3")], session.Snapshot.CutLinks.Order().ToArray());

        var heal = TahoeFaultMenu.ForWire(cutWire);
        Assert.Equal("Heal W1-S3", TahoeFaultMenu.Label(heal));
        session.Inject(heal);
        Assert.Empty(session.Snapshot.CutLinks);
    }

    [Fact]
    public void An_unknown_node_is_refused_and_the_run_is_left_as_it_was()
    {
        using var session = TwoPhase();
        session.SeekTick(60);
        var before = session.Snapshot;

        var error = Assert.Throws<ArgumentException>(() => session.Inject(new TahoeFaultAction.Crash("S9")));

        Assert.StartsWith("unknown node 'S9'; this run has W1, W2, S1, S2, S3", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.HandFaults);
        Assert.Same(before, session.Snapshot);
    }

    [Fact]
    public void Removing_the_hand_faults_replays_the_clean_run_to_the_same_moment()
    {
        using var session = TwoPhase();
        session.SeekTick(60);
        session.Inject(new TahoeFaultAction.Crash("S2"));
        session.SeekTick(300);

        session.ClearHandFaults();

        Assert.Empty(session.HandFaults);
        Assert.Equal(300, session.Snapshot.Tick);
        Assert.True(session.Snapshot.Servers[1].Up);
        session.RunToEnd();
        Assert.Equal("W1#2,W1#2,W1#2", Holds(session));
    }

    [Fact]
    public void Loading_a_scenario_forgets_the_hand_faults_and_the_timeline()
    {
        using var session = TwoPhase();
        session.Inject(new TahoeFaultAction.Crash("W1"));
        session.RunToEnd();

        session.Load(TahoeSessions.Library.FindTahoe("tahoe-uncoordinated")!.Scenario);

        Assert.Empty(session.HandFaults);
        Assert.Empty(session.Scenario.Faults);
        Assert.Equal(new TimelinePosition(0, 0), session.Head);
    }

    [Theory]
    [InlineData(20, 10)]
    [InlineData(0.01, 0.1)]
    [InlineData(double.NaN, 1)]
    [InlineData(2.5, 2.5)]
    public void Speed_stays_within_the_bar_s_range(double asked, double expected)
    {
        using var session = TwoPhase();
        session.SetSpeed(asked);
        Assert.Equal(expected, session.Speed);
    }
}
