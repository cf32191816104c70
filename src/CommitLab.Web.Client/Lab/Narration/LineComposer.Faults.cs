using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// Lines about faults. The trace's fault entry names the fault and what set it off; the entries that
/// follow are its effects, kept short except where the effect changes what the protocol can do
/// (a crash that leaves participants blocked, a recovery that reads the log).
/// </summary>
internal sealed partial class LineComposer
{
    private static NarrationLine Fault(in TraceEvent e)
    {
        var text = e.Text ?? "";
        var action = text;
        var origin = "";
        var open = text.LastIndexOf(" (", StringComparison.Ordinal);
        if (open > 0 && text.EndsWith(')'))
        {
            action = text[..open];
            origin = text[(open + 2)..^1];
        }

        var how = origin switch
        {
            _ when origin.StartsWith("when ", StringComparison.Ordinal) => ", triggered " + origin,
            _ when origin.StartsWith("at t=", StringComparison.Ordinal) => ", as scheduled",
            _ when origin.StartsWith("injected", StringComparison.Ordinal) => ", injected live",
            "" => "",
            _ => " (" + origin + ")",
        };
        var parts = action.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var what = parts switch
        {
            ["drop"] => "drop that message",
            ["delay", var t] => $"delay that message by {t} ms",
            ["freeze", var node, "for", var t] => $"freeze {node} for {t} ms",
            _ => action,
        };
        return Line(e, $"Fault at {Prose.Ms(e.Tick)}{how}: {what}.", NarrationTone.Fault);
    }

    private NarrationLine Crash(in TraceEvent e)
    {
        var node = e.Node;
        if (node == 0)
        {
            return Line(e, Paxos ? CoordinatorCrashPaxos() : ThreePhase ? CoordinatorCrash3Pc() : CoordinatorCrash2Pc(), NarrationTone.Fault);
        }

        if (Paxos && node > state.Participants)
        {
            return Line(e, AcceptorCrash(node), NarrationTone.Fault);
        }

        if (node == state.LogNode)
        {
            return Line(e, $"LOG crashes{Why}; the decisions it recorded survive on disk.", NarrationTone.Fault);
        }

        var name = N(node);
        var locks = state.Locks[node].Count > 0 ? "including its lock, " : "";
        var text = $"{name} crashes{Why}: what it held in memory is gone, {locks}but its log survives.";
        if (state.Decisions[node] != Outcome.None)
        {
            text += " It had already decided, and its log says so.";
        }
        else if (Paxos && state.Phases[node] == Phase.Working)
        {
            text += " It never voted, so PREPARED can never be chosen for its vote: whoever leads the next ballot will propose ABORTED for it.";
        }
        else if (state.Phases[node] == Phase.Working && state.Decisions[0] == Outcome.None && state.Up[0])
        {
            text += " It never voted, so L will not get its YES and will abort when its vote timer runs out.";
        }
        else if (state.Phases[node] is Phase.Uncertain or Phase.PreCommitted)
        {
            text += " It voted YES, so after recovering it is still bound by its PREPARED record and must ask for the outcome.";
        }

        return Line(e, text, NarrationTone.Fault);
    }

    private string CoordinatorCrash2Pc()
    {
        var uncertain = Participants(p => state.Up[p] && state.Decisions[p] == Outcome.None && state.Phases[p] == Phase.Uncertain);
        var working = Participants(p => state.Up[p] && state.Decisions[p] == Outcome.None && state.Phases[p] == Phase.Working);
        var knowers = Participants(p => state.Up[p] && state.Decisions[p] != Outcome.None);
        if (state.LogNode >= 0 && state.Up[state.LogNode] && LoggedDecision(state.LogNode) != Outcome.None)
        {
            knowers.Add(state.LogNode);
        }

        if (uncertain.Count == 0)
        {
            return working.Count == 0
                ? $"L crashes.{Why} Every participant already knows the outcome, so nobody is left waiting."
                : $"L crashes.{Why} No participant has voted YES yet, so nobody is stuck: a participant that has not voted may still abort on its own.";
        }

        var many = uncertain.Count > 1;
        var who = Names(uncertain);
        if (knowers.Count > 0)
        {
            return $"L crashes while {who} {(many ? "are" : "is")} uncertain{Why}, but {Names(knowers)} already {Verb(knowers.Count, "knows", "know")} the outcome, so asking can still settle it.";
        }

        var decided = LoggedDecision(0);
        var start = decided != Outcome.None
            ? $"L crashes after logging {Prose.OutcomeWord(decided)}, before anyone heard it."
            : "L crashes before deciding.";
        var they = many ? "they" : "it";
        var blocked = $"{(many ? "they are" : "it is")} blocked, holding {(many ? "their" : "its")} locks, until L recovers";
        var rest = working.Count == 0
            ? $"so {blocked}."
            : $"so unless {Names(working)}, which {Verb(working.Count, "has", "have")} not voted yet, settles it by aborting, {blocked}.";
        return $"{start} {who} voted YES and {(many ? "are" : "is")} uncertain{Why}: {they} may not decide alone and nobody else knows the outcome, {rest}";
    }

    private string CoordinatorCrash3Pc()
    {
        var undecided = Participants(p => state.Up[p] && state.Decisions[p] == Outcome.None);
        if (undecided.Count == 0)
        {
            return $"L crashes.{Why} Every participant already knows the outcome.";
        }

        return $"L crashes while {Names(undecided)} {Verb(undecided.Count, "has", "have")} not decided.{Why} 3PC does not leave them waiting for L: once their failure detectors suspect it, they pick a new coordinator among themselves and finish the protocol.";
    }

    private NarrationLine Recover(in TraceEvent e)
    {
        var node = e.Node;
        var name = N(node);
        var log = state.Log[node];
        var decided = LoggedDecision(node);
        string text;
        if (node == state.LogNode)
        {
            text = "LOG recovers with its records intact.";
        }
        else if (Paxos && node > state.Participants)
        {
            text = AcceptorRecovery(node);
        }
        else if (node == 0)
        {
            text = decided != Outcome.None
                ? log.Contains(LogRecordKind.End)
                    ? $"L recovers. Its log shows {Prose.OutcomeWord(decided)} and END{Why}: the transaction was finished, so there is nothing to do."
                    : $"L recovers and finds {Prose.OutcomeWord(decided)} in its log{Why}: the decision stands, and L sends it again to everyone."
                : ThreePhase && log.Contains(LogRecordKind.PreCommit)
                    ? $"L recovers and finds PRE-COMMIT but no decision in its log{Why}: the participants may have finished without it, so it asks them instead of deciding alone."
                    : $"L recovers and finds no decision in its log{Why}, so it cannot have sent one: it decides ABORT, which is always safe then.";
        }
        else if (decided != Outcome.None)
        {
            text = $"{name} recovers and finds {Prose.OutcomeWord(decided)} in its log{Why}: the outcome was settled before the crash.";
        }
        else if (log.Contains(LogRecordKind.Prepared))
        {
            text = ThreePhase
                ? $"{name} recovers and finds {(log.Contains(LogRecordKind.PreCommit) ? "PRE-COMMIT" : "PREPARED")} but no outcome in its log{Why}: the others may have finished without it, so it asks and never decides alone."
                : $"{name} recovers and finds PREPARED but no outcome in its log{Why}: its YES still binds it, so it takes its lock back and asks for the outcome.";
        }
        else
        {
            text = $"{name} recovers and finds no PREPARED record{Why}: it never voted, so it aborts.";
        }

        return Line(e, text, NarrationTone.Important);
    }

    private NarrationLine? Cut(in TraceEvent e)
    {
        if (ReverseInStep(e, forward: false))
        {
            return null;
        }

        var a = N(e.Node);
        var b = N(e.Peer);
        if (ReverseInStep(e, forward: true))
        {
            return Line(e, $"The link between {a} and {b} is cut both ways{Why}: messages either way are lost, including those on their way.", NarrationTone.Fault);
        }

        // The other direction was cut earlier: together they make one both-ways cut, and "the other
        // direction still works" would no longer be true.
        return state.Link(e.Peer, e.Node)
            ? Line(e, $"The link from {a} to {b} is cut{Why}: messages from {a} to {b} are lost, while the other direction still works.", NarrationTone.Fault)
            : Line(e, $"The link from {a} to {b} is cut too, so the link between {a} and {b} is now cut both ways{Why}: messages either way are lost.", NarrationTone.Fault);
    }

    /// <summary>
    /// Whether the same step also cuts (or heals) the other direction of this link, after or before
    /// this entry. A both-ways cut is one fault, but the messages it swallows are logged between its
    /// two halves, so the halves are not always neighbours.
    /// </summary>
    private bool ReverseInStep(in TraceEvent e, bool forward)
    {
        for (var i = e.Index + (forward ? 1 : -1); i >= 0 && (forward ? Has(i) : i < events.Count) && events[i].Step == e.Step; i += forward ? 1 : -1)
        {
            var o = events[i];
            if (o.Kind == e.Kind && o.Node == e.Peer && o.Peer == e.Node)
            {
                return true;
            }
        }

        return false;
    }

    private NarrationLine? Heal(in TraceEvent e)
    {
        if (ReverseInStep(e, forward: false))
        {
            return null;
        }

        var a = N(e.Node);
        var b = N(e.Peer);
        if (ReverseInStep(e, forward: true))
        {
            return Line(e, $"The link between {a} and {b} works again.", NarrationTone.Routine);
        }

        return state.Link(e.Peer, e.Node)
            ? Line(e, $"The link from {a} to {b} works again.", NarrationTone.Routine)
            : Line(e, $"The link from {a} to {b} works again; from {b} to {a} it is still cut.", NarrationTone.Routine);
    }

    private static NarrationLine Partition(in TraceEvent e)
    {
        var groups = (e.Text ?? "").Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(g => Prose.List(g.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        var sides = groups.Count == 2
            ? $"{groups[0]} on one side, {groups[1]} on the other"
            : "into " + string.Join("; ", groups);
        return Line(e, $"The network splits: {sides}.{Why} Every message between the sides is lost, including those already on their way.", NarrationTone.Fault);
    }

    private List<int> Participants(Func<int, bool> which)
    {
        var list = new List<int>();
        for (var p = 1; p <= state.Participants; p++)
        {
            if (which(p))
            {
                list.Add(p);
            }
        }

        return list;
    }

    private Outcome LoggedDecision(int node)
    {
        var log = state.Log[node];
        for (var i = log.Count - 1; i >= 0; i--)
        {
            if (log[i] is LogRecordKind.Commit or LogRecordKind.Abort)
            {
                return log[i] == LogRecordKind.Commit ? Outcome.Commit : Outcome.Abort;
            }
        }

        return Outcome.None;
    }
}
