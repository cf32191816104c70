using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// Writes the narration line for one trace entry, given what happened before it
/// (<see cref="NarrationState"/>, which the caller keeps in step) and the entries around it. Related
/// entries of one instant are told once: L sending PREPARE to three participants is one line, on the
/// first send; the others return null. Looking ahead never goes past <c>limit</c>, so a line only
/// tells what the viewer has reached. Split by topic over several files (messages, faults, the rest).
/// </summary>
internal sealed partial class LineComposer
{
    private readonly IReadOnlyList<TraceEvent> events;
    private readonly ProtocolKind protocol;
    private readonly NarrationState state;
    private readonly int limit;

    public LineComposer(Trace trace, ProtocolKind protocol, NarrationState state, int limit)
    {
        events = trace.Events;
        this.protocol = protocol;
        this.state = state;
        this.limit = Math.Min(limit, events.Count);
    }

    private bool ThreePhase => protocol == ProtocolKind.ThreePhase;

    /// <summary>The line for <paramref name="e"/>, or null when it adds nothing a student needs.</summary>
    public NarrationLine? Compose(in TraceEvent e)
    {
        if (e.Node >= state.NodeCount || e.Peer >= state.NodeCount)
        {
            return null; // an entry about nodes this run does not have: nothing sensible to say
        }

        if (Tahoe && TahoeCompose(e, out var told) is var tahoeLine && told)
        {
            return tahoeLine;
        }

        return e.Kind switch
        {
            TraceKind.Send => Send(e),
            TraceKind.Deliver => Deliver(e),
            TraceKind.Drop => Drop(e),
            TraceKind.Delay => Delay(e),
            TraceKind.TimerFired => Timer(e),
            TraceKind.Crash => Crash(e),
            TraceKind.Recover => Recover(e),
            TraceKind.Freeze => Line(e, $"{N(e.Node)} freezes until {Prose.Ms(e.Value)}{Why}: it handles nothing meanwhile, and to a timeout failure detector it looks exactly like a crashed node.", NarrationTone.Fault),
            TraceKind.Unfreeze => Line(e, $"{N(e.Node)} resumes where it stopped{Why}, unaware that time passed.", NarrationTone.Routine),
            TraceKind.Cut => Cut(e),
            TraceKind.Heal => Heal(e),
            TraceKind.Partition => Partition(e),
            TraceKind.HealAll => Line(e, "Every link works again: the network is whole.", NarrationTone.Routine),
            TraceKind.LogAppend => LogAppend(e),
            TraceKind.StateChange => StateChange(e),
            TraceKind.Decision => Decision(e),
            TraceKind.Suspect => Suspect(e),
            TraceKind.Unsuspect => Unsuspect(e),
            TraceKind.LockAcquired => LockAcquired(e),
            TraceKind.LockReleased => Line(e, $"{N(e.Node)} releases its lock on {e.Text}{Why}: others may use that data again.", NarrationTone.Routine),
            TraceKind.VoteNo => Line(e, $"{N(e.Node)} is set to vote NO{Why} when asked.", NarrationTone.Routine),
            TraceKind.Fault => Fault(e),
            TraceKind.Violation => Violation(e),
            _ => null,
        };
    }

    /// <summary>
    /// Marks where a line stops telling what happened and starts saying why it matters or what it
    /// leads to ("…before telling anyone{Why}: the decision is now durable"). While a question is
    /// open only the part before it is shown (<see cref="NarrationLine.Fact"/>), so the narration never
    /// gives away the answer. Lines without it are pure facts.
    /// </summary>
    private const string Why = "\u001F";

    private static NarrationLine Line(in TraceEvent e, string text, NarrationTone tone)
    {
        var cut = text.IndexOf(Why, StringComparison.Ordinal);
        if (cut < 0)
        {
            return new(e.Tick, e.Index, text, tone);
        }

        var fact = text[..cut].TrimEnd(' ', ',', ':', ';', '.') + ".";
        return new(e.Tick, e.Index, text.Replace(Why, "", StringComparison.Ordinal), tone, fact);
    }

    private string N(int node) => state.Name(node);

    private string Names(IEnumerable<int> nodes) => Prose.List(nodes.Select(N).ToList());

    private bool Has(int i) => i >= 0 && i < limit;

    /// <summary>The entry before <paramref name="e"/> when it belongs to the same simulator step.</summary>
    private bool PreviousInStep(in TraceEvent e, out TraceEvent previous)
    {
        var i = e.Index - 1;
        if (i >= 0 && i < events.Count && events[i].Step == e.Step)
        {
            previous = events[i];
            return true;
        }

        previous = default;
        return false;
    }

    /// <summary>The entry after <paramref name="e"/> when the viewer has reached it and it belongs to the same step.</summary>
    private bool NextInStep(in TraceEvent e, out TraceEvent next)
    {
        var i = e.Index + 1;
        if (Has(i) && events[i].Step == e.Step)
        {
            next = events[i];
            return true;
        }

        next = default;
        return false;
    }

    private static string Verb(int count, string one, string many) => count == 1 ? one : many;
}
