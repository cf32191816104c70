using CommitLab.Web.Lab;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lab;

/// <summary>
/// The play timer's step, shared by the Lab's session and the comparison: wall time becomes whole
/// ticks at the chosen speed, and an engine error stops playing and is handed over instead of ending
/// the server (nothing on the timer's thread could catch it).
/// </summary>
public class PlaybackTimerTests
{
    [Fact]
    public void Wall_time_moves_the_run_by_whole_ticks_at_the_speed_and_carries_the_fraction_over()
    {
        var player = new PlaybackTimer(new ManualTime { HoldTimers = true }, new object(), _ => { });
        var moved = new List<long>();

        // At 1x a tick is 40 ms of wall time: 30 ms moves nothing, the next 30 ms completes one tick.
        var first = player.Move(TimeSpan.FromMilliseconds(30), 1, moved.Add, e => throw e);
        var second = player.Move(TimeSpan.FromMilliseconds(30), 1, moved.Add, e => throw e);
        var fast = player.Move(TimeSpan.FromSeconds(1), 10, moved.Add, e => throw e);

        Assert.Equal((false, true, true), (first, second, fast));
        Assert.Equal([1L, 250L], moved);
    }

    [Fact]
    public void An_error_while_moving_stops_playing_and_is_handed_to_the_session()
    {
        var player = new PlaybackTimer(new ManualTime { HoldTimers = true }, new object(), _ => { });
        player.Start();
        Exception? handed = null;

        var moved = player.Move(TimeSpan.FromSeconds(1), 1, _ => throw new InvalidOperationException("the engine broke an invariant"), e => handed = e);

        Assert.False(moved);
        Assert.False(player.Running);
        Assert.Equal("the engine broke an invariant", handed?.Message);
    }
}
