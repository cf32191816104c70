using CommitLab.Web.Classroom.Hub;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>How a hub connection's refused calls are logged and when the connection is closed.</summary>
public sealed class ConnectionRefusalsTests
{
    [Fact]
    public void The_first_refusals_are_logged_and_the_connection_closes_past_the_limit_within_the_window()
    {
        var clock = new ManualTime();
        var refusals = new ConnectionRefusals(maxPerWindow: 5, TimeSpan.FromMinutes(1), clock);

        var counted = Enumerable.Range(0, 8).Select(_ => refusals.Count()).ToList();

        Assert.Equal([true, true, true, false, false, false, false, false], counted.Select(c => c.Log));
        // Closing is said once; calls already queued on the connection are refused silently.
        Assert.Equal([false, false, false, false, false, true, false, false], counted.Select(c => c.Close));
        Assert.Equal(8, refusals.Total);
    }

    [Fact]
    public void Refusals_spread_over_time_never_close_the_connection()
    {
        var clock = new ManualTime();
        var refusals = new ConnectionRefusals(maxPerWindow: 5, TimeSpan.FromMinutes(1), clock);

        for (var i = 0; i < 50; i++)
        {
            Assert.False(refusals.Count().Close);
            clock.Advance(TimeSpan.FromSeconds(13));
        }
    }
}
