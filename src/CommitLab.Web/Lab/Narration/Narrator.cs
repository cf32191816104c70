using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// Turns a run's trace into a plain-language account for students: what happened and, for the
/// events the lesson turns on, why it matters. Everything is derived from the trace, so the account
/// for any position of the timeline is the same whether the run was played live or scrubbed to.
/// </summary>
public static class Narrator
{
    /// <summary>
    /// The line for one trace entry, or null when the entry adds nothing (it is told by a
    /// neighbouring entry's line, or it is internal bookkeeping such as a resend timer).
    /// Replays the trace up to the entry to know the situation, so prefer <see cref="Recent"/> for lists.
    /// </summary>
    public static NarrationLine? Describe(Trace trace, in TraceEvent e, ProtocolKind protocol)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var state = new NarrationState(trace.NodeNames);
        var until = Math.Clamp(e.Index, 0, trace.Count);
        for (var i = 0; i < until; i++)
        {
            state.Observe(trace.Events[i]);
        }

        return new LineComposer(trace, protocol, state, trace.Count).Compose(e);
    }

    /// <summary>
    /// The last <paramref name="max"/> lines told before trace position <paramref name="upToIndexExclusive"/>,
    /// oldest first and newest last. Lines never tell about entries at or after that position.
    /// </summary>
    public static IReadOnlyList<NarrationLine> Recent(Trace trace, ProtocolKind protocol, int upToIndexExclusive, int max)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var end = Math.Clamp(upToIndexExclusive, 0, trace.Count);
        if (max <= 0 || end == 0)
        {
            return [];
        }

        // Most entries yield a line, so a window a few times max usually suffices; widen it when it
        // does not. Replaying the state before the window is cheap (no text is written for it).
        var window = Math.Max(64, max * 4);
        while (true)
        {
            var start = Math.Max(0, end - window);
            var lines = Tell(trace, protocol, start, end);
            if (lines.Count >= max || start == 0)
            {
                return lines.Count > max ? lines.GetRange(lines.Count - max, max) : lines;
            }

            window = (int)Math.Min(int.MaxValue, window * 4L);
        }
    }

    private static List<NarrationLine> Tell(Trace trace, ProtocolKind protocol, int start, int end)
    {
        var state = new NarrationState(trace.NodeNames);
        var events = trace.Events;
        for (var i = 0; i < start; i++)
        {
            state.Observe(events[i]);
        }

        var composer = new LineComposer(trace, protocol, state, end);
        var lines = new List<NarrationLine>();
        for (var i = start; i < end; i++)
        {
            var e = events[i];
            if (composer.Compose(e) is { } line)
            {
                lines.Add(line);
            }

            state.Observe(e);
        }

        return lines;
    }
}
