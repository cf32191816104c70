using CommitLab.Engine.Faults;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab;

/// <summary>Selecting something to break holds the run still until the choice is made or cancelled.</summary>
public class SelectionHoldTests
{
    [Fact]
    public void Selecting_pauses_a_playing_run_and_it_does_not_move_until_the_action_is_chosen_then_it_plays_on()
    {
        using var lab = new PlaybackSession(new StoppedClock());
        var hold = new SelectionHold();
        lab.Play();
        var message = lab.Snapshot.InFlight[0];

        hold.Begin(lab);

        Assert.True(hold.Holding);
        Assert.False(lab.Playing);
        Assert.Contains(lab.Snapshot.InFlight, m => m.Id == message.Id);

        lab.Inject(new FaultAction.Drop(message.Id));
        hold.End(lab);

        Assert.False(hold.Holding);
        Assert.True(lab.Playing);
        Assert.DoesNotContain(lab.Snapshot.InFlight, m => m.Id == message.Id);
    }

    [Fact]
    public void Cancelling_resumes_only_a_run_that_was_playing()
    {
        using var paused = new PlaybackSession(new StoppedClock());
        var hold = new SelectionHold();

        hold.Begin(paused);
        Assert.False(hold.Holding); // nothing to hold: the page shows no "paused while you choose"
        hold.End(paused);
        Assert.False(paused.Playing);

        using var playing = new PlaybackSession(new StoppedClock());
        playing.Play();
        hold.Begin(playing);
        hold.Begin(playing); // a second selection while choosing keeps the first hold
        hold.End(playing);
        Assert.True(playing.Playing);
    }

    /// <summary>A clock whose timers never fire: the run moves only when a test says so.</summary>
    private sealed class StoppedClock : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Never();

        private sealed class Never : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
