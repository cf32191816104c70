using CommitLab.Web.Classroom;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>Per-client join limits over a sliding window, on a clock the test moves.</summary>
public sealed class ClientThrottleTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly ManualTime clock = new();

    [Fact]
    public void Five_failures_then_the_client_must_wait_out_the_window()
    {
        var throttle = new ClientThrottle(60, 5, Minute, clock);
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(throttle.TryBegin("a"));
            throttle.Fail("a");
        }

        Assert.Equal(Minute, throttle.TryBegin("a"));

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.FromSeconds(40), throttle.TryBegin("a"));

        clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(throttle.TryBegin("a"));
    }

    [Fact]
    public void Failures_slide_out_of_the_window_one_by_one()
    {
        var throttle = new ClientThrottle(60, 5, Minute, clock);
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(throttle.TryBegin("a"));
            throttle.Fail("a");
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        // The first failure (at 0 s) leaves the window at 60 s; it is now 50 s.
        Assert.Equal(TimeSpan.FromSeconds(10), throttle.TryBegin("a"));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(throttle.TryBegin("a"));
        throttle.Fail("a");
        Assert.Equal(TimeSpan.FromSeconds(10), throttle.TryBegin("a"));
    }

    [Fact]
    public void Successful_attempts_are_limited_too()
    {
        var throttle = new ClientThrottle(3, 5, Minute, clock);

        Assert.Null(throttle.TryBegin("a"));
        Assert.Null(throttle.TryBegin("a"));
        Assert.Null(throttle.TryBegin("a"));
        Assert.Equal(Minute, throttle.TryBegin("a"));

        clock.Advance(Minute);
        Assert.Null(throttle.TryBegin("a"));
    }

    [Fact]
    public void Refused_attempts_do_not_extend_the_wait()
    {
        var throttle = new ClientThrottle(2, 5, Minute, clock);
        throttle.TryBegin("a");
        throttle.TryBegin("a");

        for (var i = 0; i < 50; i++)
        {
            Assert.NotNull(throttle.TryBegin("a"));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Null(throttle.TryBegin("a"));
    }

    [Fact]
    public void The_wait_shown_is_never_below_one_second()
    {
        var throttle = new ClientThrottle(1, 5, Minute, clock);
        throttle.TryBegin("a");

        clock.Advance(Minute - TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromSeconds(1), throttle.TryBegin("a"));
    }

    [Fact]
    public void Other_clients_are_not_affected()
    {
        var throttle = new ClientThrottle(60, 5, Minute, clock);
        for (var i = 0; i < 5; i++)
        {
            throttle.TryBegin("203.0.113.5");
            throttle.Fail("203.0.113.5");
        }

        Assert.NotNull(throttle.TryBegin("203.0.113.5"));
        Assert.Null(throttle.TryBegin("203.0.113.6"));
        Assert.Null(throttle.TryBegin("2001:db8::5"));
    }
}
