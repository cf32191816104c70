using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab;

/// <summary>
/// A pending timeout as a node card draws it: a bar that shrinks from full when the timer is set to
/// empty when it fires, with the time left in words ("vote in 120 ms").
/// </summary>
/// <param name="Name">The timer's name as the trace writes it ("vote", "decision", "resend").</param>
/// <param name="Left">Milliseconds until it fires.</param>
/// <param name="Fraction">How much of its time is left, 0 to 1.</param>
public sealed record TimerGauge(string Name, long Left, double Fraction)
{
    public string Text => $"{Name} in {Left} ms";

    /// <summary>The bar's width, as a CSS percentage.</summary>
    public string Percent => (Fraction * 100).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The node's pending timers. The snapshot says when each fires, not when it was set, so the full
    /// length is the run's setting for that kind of timer; a timer set for longer (a Paxos Commit
    /// participant waits a multiple of it) shows full until it is within that length.
    /// A coordinator that is writing its decision has every vote: its vote timer is cancelled as soon
    /// as the write is durable, so it is not shown as a deadline still running.
    /// </summary>
    public static IReadOnlyList<TimerGauge> For(NodeSnapshot node, TimeoutSettings timeouts, long tick)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(timeouts);
        if (!node.Up)
        {
            return [];
        }

        var gauges = new List<TimerGauge>();
        foreach (var timer in node.Timers)
        {
            if (timer.Timer == TimerKind.Vote && node.Busy && node.Role == "coordinator")
            {
                continue;
            }

            var left = Math.Max(0, timer.Due - tick);
            var length = Math.Max(Length(timer.Timer, timeouts), left);
            gauges.Add(new TimerGauge(Trace.TimerName(timer.Timer), left, length == 0 ? 0 : (double)left / length));
        }

        return gauges;
    }

    private static long Length(TimerKind timer, TimeoutSettings timeouts) => timer switch
    {
        TimerKind.Vote => timeouts.Vote,
        TimerKind.Decision => timeouts.Decision,
        TimerKind.Resend => timeouts.Resend,
        TimerKind.Prepare => timeouts.Prepare ?? 0,
        _ => 0,
    };
}
