using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab;

/// <summary>Pending timeouts shrink as their deadline nears, and the leader's vote timer goes once the votes are in.</summary>
public class TimerGaugeTests
{
    [Fact]
    public void At_the_start_the_leaders_vote_timer_is_full_and_shrinks_as_time_passes()
    {
        using var lab = new PlaybackSession();
        var timeouts = lab.Recording.Timeouts;

        var start = TimerGauge.For(lab.Snapshot.Nodes[0], timeouts, lab.Tick).Single(g => g.Name == "vote");
        Assert.Equal(("vote in 200 ms", 1.0), (start.Text, start.Fraction));

        lab.SeekTick(50);
        var later = TimerGauge.For(lab.Snapshot.Nodes[0], timeouts, lab.Tick).Single(g => g.Name == "vote");
        Assert.Equal("vote in 150 ms", later.Text);
        Assert.Equal(0.75, later.Fraction, 3);
        Assert.Equal("75", later.Percent);
    }

    [Fact]
    public void Once_every_vote_is_in_the_leader_shows_no_vote_timer_while_it_writes_its_decision()
    {
        using var lab = new PlaybackSession();
        while (!lab.Snapshot.Nodes[0].Busy && lab.StepEvent())
        {
        }

        var leader = lab.Snapshot.Nodes[0];
        Assert.True(leader.Busy, "the leader never wrote its decision");
        Assert.Contains(leader.Timers, t => t.Timer == CommitLab.Engine.Protocols.TimerKind.Vote);
        Assert.DoesNotContain(TimerGauge.For(leader, lab.Recording.Timeouts, lab.Tick), g => g.Name == "vote");
    }

    [Fact]
    public void A_crashed_node_shows_no_timers_and_a_timer_longer_than_its_setting_shows_full()
    {
        using var lab = new PlaybackSession();
        lab.Inject(new CommitLab.Engine.Faults.FaultAction.Crash("L"));
        Assert.Empty(TimerGauge.For(lab.Snapshot.Nodes[0], lab.Recording.Timeouts, lab.Tick));

        using var other = new PlaybackSession();
        var shortVote = new TimeoutSettings(Vote: 50);
        Assert.Equal(1.0, TimerGauge.For(other.Snapshot.Nodes[0], shortVote, 0).Single(g => g.Name == "vote").Fraction);
    }
}
