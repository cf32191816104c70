using CommitLab.Web.Classroom;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>A student's page while the run plays: one render per interval, never a lost last frame, urgent changes at once.</summary>
public sealed class RenderPacerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(150);
    private readonly ManualTime clock = new();

    [Fact]
    public void The_first_update_renders_at_once()
    {
        var pacer = new RenderPacer(Interval, clock);

        Assert.Equal(PaceDecision.Now, pacer.Next(urgent: false).Decision);
    }

    [Fact]
    public void Updates_within_the_interval_wait_for_one_scheduled_render()
    {
        var pacer = new RenderPacer(Interval, clock);
        pacer.Next(urgent: false);
        clock.Advance(TimeSpan.FromMilliseconds(50));

        var (decision, delay) = pacer.Next(urgent: false);
        Assert.Equal(PaceDecision.Later, decision);
        Assert.Equal(TimeSpan.FromMilliseconds(100), delay);

        // Three more updates at 20 per second: all shown by the one render already scheduled.
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(25));
            Assert.Equal(PaceDecision.Pending, pacer.Next(urgent: false).Decision);
        }

        clock.Advance(TimeSpan.FromMilliseconds(25));
        pacer.Rendered();
        clock.Advance(TimeSpan.FromMilliseconds(50));
        Assert.Equal(PaceDecision.Later, pacer.Next(urgent: false).Decision);
    }

    [Fact]
    public void Twenty_updates_a_second_become_at_most_seven_renders()
    {
        var pacer = new RenderPacer(Interval, clock);
        var renders = 0;
        TimeSpan? due = null;
        for (var ms = 0; ms < 1_000; ms += 50)
        {
            if (due is { } at && at <= TimeSpan.FromMilliseconds(ms))
            {
                pacer.Rendered();
                renders++;
                due = null;
            }

            var (decision, delay) = pacer.Next(urgent: false);
            if (decision == PaceDecision.Now)
            {
                renders++;
            }
            else if (decision == PaceDecision.Later)
            {
                due = TimeSpan.FromMilliseconds(ms) + delay;
            }

            clock.Advance(TimeSpan.FromMilliseconds(50));
        }

        Assert.InRange(renders, 5, 7);
    }

    [Fact]
    public void An_urgent_update_renders_at_once_even_right_after_another()
    {
        var pacer = new RenderPacer(Interval, clock);
        pacer.Next(urgent: false);
        clock.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal(PaceDecision.Now, pacer.Next(urgent: true).Decision);
    }
}
