using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lab;

/// <summary>A blocked run pauses itself as soon as it stands still, says so, and plays on when asked.</summary>
public class StandstillPauseTests
{
    private static readonly Scenario LeaderCrashAfterCommit = new Scenario { Participants = 3 } with
    {
        Faults = [new ScheduledFault(new FaultTiming.OnTrigger(FaultText.ParseTrigger("L logs commit")), FaultText.ParseAction("crash L"))],
    };

    [Fact]
    public void Playing_into_a_standstill_pauses_there_long_before_the_time_limit()
    {
        var time = new ManualTime { HoldTimers = true };
        using var lab = new PlaybackSession(time);
        lab.Load(LeaderCrashAfterCommit);
        lab.SetSpeed(10);
        lab.Play();

        PlayFor(time, lab, TimeSpan.FromMinutes(2));

        Assert.False(lab.Playing);
        Assert.True(lab.HeldAtStandstill);
        Assert.NotNull(lab.Frame.Standstill);
        Assert.False(lab.Frame.Playing);
        Assert.False(lab.Finished);
        Assert.True(lab.Tick < 2_000, $"paused at {lab.Tick} ms");
        Assert.Equal(0, time.LiveTimers);
    }

    [Fact]
    public void Play_at_the_standstill_plays_on_to_the_limit_and_a_step_clears_the_note()
    {
        var time = new ManualTime { HoldTimers = true };
        using var lab = new PlaybackSession(time);
        lab.Load(LeaderCrashAfterCommit);
        lab.SetSpeed(10);
        lab.Play();
        PlayFor(time, lab, TimeSpan.FromMinutes(2));
        var pausedAt = lab.Tick;

        lab.StepEvent();
        Assert.False(lab.HeldAtStandstill);
        Assert.True(lab.Tick >= pausedAt);

        lab.Play();
        PlayFor(time, lab, TimeSpan.FromMinutes(10));

        Assert.True(lab.Finished);
        Assert.Equal(RunOutcome.Blocked, lab.Snapshot.Outcome);
        Assert.False(lab.HeldAtStandstill);
    }

    [Fact]
    public void A_run_that_never_stands_still_plays_to_its_end()
    {
        var time = new ManualTime { HoldTimers = true };
        using var lab = new PlaybackSession(time);
        lab.SetSpeed(10);
        lab.Play();

        PlayFor(time, lab, TimeSpan.FromMinutes(10));

        Assert.True(lab.Finished);
        Assert.Equal(RunOutcome.Committed, lab.Snapshot.Outcome);
        Assert.False(lab.HeldAtStandstill);
    }

    /// <summary>Fires the play timer every 50 ms of hand-moved time while it runs, up to a bound.</summary>
    private static void PlayFor(ManualTime time, PlaybackSession lab, TimeSpan bound)
    {
        for (var spent = TimeSpan.Zero; lab.Playing && spent < bound; spent += TimeSpan.FromMilliseconds(50))
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            time.FireTimers();
        }
    }
}
