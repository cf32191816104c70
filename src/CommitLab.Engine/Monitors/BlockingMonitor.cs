using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Monitors;

/// <summary>
/// Blocking: a live participant that voted yes, waited for the outcome until its decision timer ran
/// out, and still cannot decide. It holds its locks the whole time, which is what makes blocking
/// expensive. Not a violation: 2PC is allowed to block; the monitor measures how long.
/// </summary>
public sealed class BlockingMonitor(int participants) : IMonitor
{
    private readonly Phase[] phases = new Phase[participants + 1];
    private readonly bool[] down = new bool[participants + 1];
    private readonly long?[] blockedSince = new long?[participants + 1];

    public string Name => "blocking";

    /// <summary>Since when a participant has been blocked, or null.</summary>
    public long? BlockedSince(int participant) => participant >= 1 && participant <= participants ? blockedSince[participant] : null;

    /// <summary>Whether the participant voted yes and has not decided (at the end of a run, that is blocked).</summary>
    public bool IsUndecidedAfterYes(int participant) =>
        !down[participant] && phases[participant] is Phase.Uncertain or Phase.PreCommitted;

    /// <summary>As built, for another run of the same scenario (see <see cref="ProtocolMonitors.TryReset"/>).</summary>
    internal void Reset()
    {
        Array.Clear(phases);
        Array.Clear(down);
        Array.Clear(blockedSince);
    }

    public bool Watches(TraceKind kind) => kind is TraceKind.StateChange or TraceKind.Decision or TraceKind.Crash or TraceKind.Recover or TraceKind.TimerFired;

    public string? Observe(in TraceEvent e)
    {
        if (e.Node < 1 || e.Node > participants)
        {
            return null;
        }

        switch (e.Kind)
        {
            case TraceKind.StateChange:
                phases[e.Node] = e.State;
                break;
            case TraceKind.Decision:
                phases[e.Node] = e.Decision == Outcome.Commit ? Phase.Committed : Phase.Aborted;
                blockedSince[e.Node] = null;
                break;
            case TraceKind.Crash:
                down[e.Node] = true;
                blockedSince[e.Node] = null;
                break;
            case TraceKind.Recover:
                down[e.Node] = false;
                break;
            case TraceKind.TimerFired when e.Timer == TimerKind.Decision && IsUndecidedAfterYes(e.Node):
                blockedSince[e.Node] ??= e.Tick;
                break;
        }

        return null;
    }
}
