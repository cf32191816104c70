using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// A 2PC run that nothing but a recovery (or a repaired link) can move on: every live undecided
/// participant voted yes, has asked for the outcome at least once, and nobody it can still reach
/// knows it or may still decide it, and no answer is on its way. The engine's own run goes on
/// asking until its time limit; this says, as soon as it is true, that the asking is futile.
/// </summary>
/// <param name="Waiting">The blocked participants, holding their locks.</param>
/// <param name="WaitFor">The nodes that could end it: crashed ones, and ones the waiting cannot reach.</param>
/// <param name="Crashed">Which of <see cref="WaitFor"/> are down (the rest are cut off).</param>
/// <param name="Asks">How often each waiting participant has asked for the outcome so far.</param>
/// <param name="Cause">The line telling the crash or cut that led here, kept in view however long the asking goes on.</param>
public sealed record Standstill(
    IReadOnlyList<string> Waiting,
    IReadOnlyList<string> WaitFor,
    IReadOnlyList<string> Crashed,
    IReadOnlyList<(string Node, int Times)> Asks,
    NarrationLine? Cause)
{
    /// <summary>The one sentence a badge and a phone show, e.g. "Blocked: P1, P2, P3 wait for L; only L's recovery can end this".</summary>
    public string Headline
    {
        get
        {
            var crashed = Prose.List(Crashed.ToList());
            var end = Crashed.Count == WaitFor.Count
                ? $"only {crashed}'s recovery can end this"
                : Crashed.Count == 0 ? "only repairing the network can end this" : $"only {crashed}'s recovery or a repaired link can end this";
            return $"Blocked: {Prose.List(Waiting.ToList())} {(Waiting.Count == 1 ? "waits" : "wait")} for {Prose.List(WaitFor.ToList())}; {end}";
        }
    }

    /// <summary>The repeats summed up, e.g. "P1 asked 3 times, P2 asked 14 times".</summary>
    public string AskSummary => string.Join(", ", Asks.Select(a => $"{a.Node} asked {a.Times} {(a.Times == 1 ? "time" : "times")}"));

    /// <summary>The standstill at the end of the first <paramref name="upTo"/> trace entries, or null when the run can still move by itself.</summary>
    public static Standstill? Find(Trace trace, int upTo, Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = Replay(trace, upTo);
        return Find(trace, state, snapshot);
    }

    internal static NarrationState Replay(Trace trace, int upTo)
    {
        var state = new NarrationState(trace.NodeNames);
        var end = Math.Clamp(upTo, 0, trace.Count);
        for (var i = 0; i < end; i++)
        {
            state.Observe(trace.Events[i]);
        }

        return state;
    }

    internal static Standstill? Find(Trace trace, NarrationState state, Snapshot snapshot)
    {
        // 3PC runs its termination protocol on suspicion; whether it waits is its own story. Tahoe is not narrated here.
        if (snapshot.Protocol != ProtocolKind.TwoPhase)
        {
            return null;
        }

        var waiting = new List<int>();
        for (var p = 1; p <= state.Participants; p++)
        {
            if (!state.Up[p] || state.Decisions[p] != Outcome.None)
            {
                continue;
            }

            if (state.Phases[p] != Phase.Uncertain || state.AskRounds[p] < 1 || state.Frozen[p])
            {
                return null; // someone live can still move: it has not voted, or has not asked yet
            }

            waiting.Add(p);
        }

        if (waiting.Count == 0 || AnswerOnItsWay(snapshot, state, waiting))
        {
            return null;
        }

        var waitFor = new SortedSet<int>();
        for (var q = 0; q < state.NodeCount; q++)
        {
            if (waiting.Contains(q) || !CouldTell(state, q))
            {
                continue;
            }

            if (state.Up[q] || state.Frozen[q])
            {
                if (waiting.Any(p => state.Link(p, q) && state.Link(q, p)))
                {
                    return null; // a node that knows, or may still decide, can be asked
                }
            }

            waitFor.Add(q); // down, or cut off from every waiting participant: only its recovery or a repair helps
        }

        if (waitFor.Count == 0)
        {
            return null;
        }

        var cause = state.LastFaultIndex >= 0 && state.LastFaultIndex < trace.Count
            ? Narrator.Describe(trace, trace.Events[state.LastFaultIndex], snapshot.Protocol)
            : null;
        return new Standstill(
            waiting.Select(state.Name).ToList(),
            waitFor.Select(state.Name).ToList(),
            waitFor.Where(q => !state.Up[q]).Select(state.Name).ToList(),
            waiting.Select(p => (state.Name(p), state.AskRounds[p])).ToList(),
            cause);
    }

    /// <summary>
    /// Who may know the outcome or still refuse it: L, LOG, a decided participant, one that has not voted
    /// (a participant that crashed before voting aborts when it recovers). A participant that voted yes
    /// and has not decided is as uncertain as the waiting, down or not.
    /// </summary>
    private static bool CouldTell(NarrationState state, int q) =>
        q == 0 || q == state.LogNode || state.Decisions[q] != Outcome.None || (state.IsParticipant(q) && state.Phases[q] == Phase.Working);

    private static bool AnswerOnItsWay(Snapshot snapshot, NarrationState state, List<int> waiting)
    {
        foreach (var m in snapshot.InFlight)
        {
            if (m.WillBeLost)
            {
                continue;
            }

            var carriesOutcome = m.Kind is MessageKind.Commit or MessageKind.Abort or MessageKind.DoCommit
                || (m.Kind == MessageKind.Decision && m.Decision != Outcome.None)
                || (m.Kind == MessageKind.StateReport && m.State is Phase.Committed or Phase.Aborted)
                || m.Kind is MessageKind.Prepare or MessageKind.VoteNo or MessageKind.VoteYes;
            if (carriesOutcome)
            {
                return true;
            }
        }

        return false;
    }
}
