using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// Turns a run's trace into a plain-language account for students: what happened and, for the
/// events the lesson turns on, why it matters. Everything is derived from the trace, so the account
/// for any position of the timeline is the same whether the run was played live or scrubbed to.
/// </summary>
public static partial class Narrator
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

        // Told from the start: repeats are summed up over the whole run ("14 times so far"), so a
        // window would undercount them. Composing a few thousand lines costs well under a frame.
        var lines = Tell(trace, protocol, 0, end);
        return lines.Count > max ? lines.GetRange(lines.Count - max, max) : lines;
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

        return Collapse(lines, line => events[line.TraceIndex].Kind is not (TraceKind.Crash or TraceKind.Recover or TraceKind.Cut or TraceKind.Heal
            or TraceKind.Partition or TraceKind.HealAll or TraceKind.Freeze or TraceKind.Unfreeze or TraceKind.Fault or TraceKind.Violation));
    }

    /// <summary>
    /// Sums up repeats: a line that says the same as an earlier one but for its numbers ("P2 is still
    /// uncertain after 450 ms… asks again", a resend, a "don't know" reply) replaces it, marked with how
    /// often it happened. A blocked run asks the same questions for ever; told one by one they would
    /// push everything else, including the crash that explains them, out of the list. Injected faults
    /// are never merged: each one is its own story. Numbers inside node names (P2) are not "numbers".
    /// </summary>
    internal static List<NarrationLine> Collapse(List<NarrationLine> lines, Func<NarrationLine, bool> mergeable)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new int[lines.Count];
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            keep[i] = true;
            counts[i] = 1;
            if (!mergeable(lines[i]))
            {
                continue;
            }

            var key = Digits().Replace(lines[i].Text, "#");
            if (last.TryGetValue(key, out var earlier))
            {
                keep[earlier] = false;
                counts[i] = counts[earlier] + 1;
            }

            last[key] = i;
        }

        var result = new List<NarrationLine>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            if (!keep[i])
            {
                continue;
            }

            var line = lines[i];
            result.Add(counts[i] == 1 ? line : line with
            {
                Text = Counted(line.Text, counts[i]),
                WhatHappened = line.WhatHappened is null ? null : Counted(line.WhatHappened, counts[i]),
            });
        }

        return result;
    }

    private static string Counted(string text, int times) => $"{text.TrimEnd('.')} ({times} times so far).";

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![A-Za-z])\d[\d,]*")]
    private static partial System.Text.RegularExpressions.Regex Digits();
}
