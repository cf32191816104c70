using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// Lines for Paxos Commit (Gray and Lamport 2006): votes that go to the acceptors instead of L,
/// ballots, promises and acceptances. In its messages a value of COMMIT means Prepared.
/// </summary>
internal sealed partial class LineComposer
{
    private bool Paxos => protocol == ProtocolKind.PaxosCommit;

    /// <summary>"P2's vote" or "the votes of P1, P2 and P3": the instances a group of sends is about.</summary>
    private string VotesOf(IEnumerable<int> instances)
    {
        var distinct = instances.Distinct().Order().ToList();
        return distinct.Count == 1 ? $"{N(distinct[0])}'s vote" : $"the votes of {Names(distinct)}";
    }

    private static string ValueWord(Outcome value) => value switch
    {
        Outcome.Commit => "PREPARED",
        Outcome.Abort => "ABORTED",
        _ => "nothing",
    };

    /// <summary>The instances of every send in this group (same sender, message and instant).</summary>
    private List<int> GroupInstances(in TraceEvent e)
    {
        var instances = new List<int>();
        for (var i = e.Index; Has(i) && events[i].Step == e.Step; i++)
        {
            var s = events[i];
            if (s.Kind == TraceKind.Send && s.Node == e.Node && s.Message == e.Message && s.Decision == e.Decision)
            {
                instances.Add(s.Slot.Instance);
            }
            else if (s.Kind != TraceKind.Drop)
            {
                break;
            }
        }

        return instances;
    }

    /// <summary>"the acceptors A1, A2 and A3", or "the acceptor A1" when there is one.</summary>
    private string AcceptorsNamed(List<int> targets)
    {
        var distinct = targets.Distinct().ToList();
        return $"the {Verb(distinct.Count, "acceptor", "acceptors")} {Names(distinct)}";
    }

    private (string Text, NarrationTone Tone) PaxosSendText(in TraceEvent e, List<int> targets, bool repeat)
    {
        var from = N(e.Node);
        var to = Names(targets.Distinct());
        var ballot = e.Slot.Ballot;
        switch (e.Message)
        {
            case MessageKind.Phase2a when ballot == 0 && e.Decision == Outcome.Commit:
                return repeat
                    ? ($"{from} sends its vote, PREPARED, to {to} again{Why}: L has not seen it chosen yet.", NarrationTone.Routine)
                    : ($"{from} votes PREPARED by sending it to {AcceptorsNamed(targets)}, not to L (phase 2a of ballot 0){Why}: its vote counts once {(targets.Distinct().Count() == 1 ? "that acceptor" : "a majority of them")} has accepted it.", NarrationTone.Routine);
            case MessageKind.Phase2a when ballot == 0:
                return ($"{from} votes ABORTED and sends that to {AcceptorsNamed(targets)} (phase 2a of ballot 0){Why}: one vote chosen ABORTED aborts the transaction.", NarrationTone.Important);
            case MessageKind.Phase2a:
                return ($"A majority has promised ballot {ballot}, so {from} proposes {ValueWord(e.Decision)} for {VotesOf(GroupInstances(e))} to {to}{Why}: {(e.Decision == Outcome.Commit ? "an acceptor had already accepted PREPARED, and Paxos obliges the leader to propose the value accepted at the highest ballot" : "no acceptor in that majority had accepted a value, so none can have been chosen, and ABORTED is safe")}.", NarrationTone.Important);
            case MessageKind.Phase2b:
                return ($"{from} tells {to} it accepted {ValueWord(e.Decision)} for {VotesOf(GroupInstances(e))} (ballot {ballot}).", NarrationTone.Routine);
            case MessageKind.Phase1a:
                return ($"{from} leads ballot {ballot}: it asks {to} to promise that ballot for {VotesOf(GroupInstances(e))} and to report any value already accepted{Why}. It does not wait for L any more.", NarrationTone.Important);
            case MessageKind.Phase1b when e.Decision == Outcome.None:
                return ($"{from} promises ballot {ballot} to {to} for {VotesOf(GroupInstances(e))}: it had accepted nothing.", NarrationTone.Routine);
            default:
                return ($"{from} promises ballot {ballot} to {to} for {VotesOf(GroupInstances(e))}, reporting {ValueWord(e.Decision)} accepted at ballot {e.Slot.Accepted}.", NarrationTone.Routine);
        }
    }

    private NarrationLine PaxosDeliver(in TraceEvent e)
    {
        var to = N(e.Node);
        var from = N(e.Peer);
        var vote = VotesOf([e.Slot.Instance]);
        var value = ValueWord(e.Decision);
        return e.Message switch
        {
            MessageKind.Phase2a => Line(e, $"{to} receives the proposal {value} for {vote} (ballot {e.Slot.Ballot}) from {from}.", NarrationTone.Routine),
            MessageKind.Phase2b => Line(e, $"{to} hears from {from} that it accepted {value} for {vote} (ballot {e.Slot.Ballot}).", NarrationTone.Routine),
            MessageKind.Phase1a => Line(e, $"{to} receives {from}'s request to promise ballot {e.Slot.Ballot} for {vote}.", NarrationTone.Routine),
            _ => Line(e, $"{to} receives {from}'s promise of ballot {e.Slot.Ballot} for {vote}.", NarrationTone.Routine),
        };
    }

    private NarrationLine? PaxosLog(in TraceEvent e)
    {
        var name = N(e.Node);
        return e.Record switch
        {
            LogRecordKind.Accepted => Line(e, $"{name} force-writes that it accepted a vote before saying so{Why}: a majority of such durable records is what makes a vote chosen, and no crash can take it back.", NarrationTone.Routine),
            LogRecordKind.Promised => Line(e, $"{name} force-writes its promise before replying{Why}: it must never accept a lower ballot again, even after a crash.", NarrationTone.Routine),
            LogRecordKind.Ballot => Line(e, $"{name} force-writes that it starts a new ballot{Why}, so that after a crash it never reuses the number.", NarrationTone.Routine),
            LogRecordKind.Commit or LogRecordKind.Abort when !e.Forced => Line(e, $"{name} writes {Prose.RecordWord(e.Record)} without forcing it{Why}: the outcome is already durable at a majority of acceptors, so this record only saves asking them again.", NarrationTone.Routine),
            _ => null,
        };
    }

    private NarrationLine? PaxosDecision(in TraceEvent e)
    {
        var node = e.Node;
        var word = Prose.OutcomeWord(e.Decision);
        if (state.LearnedFrom[node] >= 0 && state.Learned[node] == e.Decision)
        {
            return null; // learned from a message: the usual line says from whom
        }

        if (node == 0 && state.RecoveredStep[0] != e.Step)
        {
            return e.Decision == Outcome.Commit
                ? Line(e, $"L decides COMMIT{Why}: for every participant a majority of acceptors has accepted PREPARED, so every vote is chosen and none can change.", NarrationTone.Good)
                : Line(e, $"L decides ABORT{Why}: a participant's vote has been chosen ABORTED.", NarrationTone.Good);
        }

        if (node != 0 && state.Phases[node] == Phase.Uncertain)
        {
            return Line(e, $"{N(node)} decides {word}{Why}: its own ballot finished; a majority of acceptors holds {(e.Decision == Outcome.Commit ? "PREPARED for every vote" : "ABORTED for some vote")}, with or without L.", NarrationTone.Good);
        }

        return null;
    }

    private NarrationLine? PaxosTimer(in TraceEvent e)
    {
        var node = e.Node;
        if (state.Decisions[node] != Outcome.None)
        {
            return null;
        }

        return e.Timer switch
        {
            TimerKind.Vote when node == 0 => Line(e, $"L's vote timeout runs out before every vote is chosen{Why}: it leads a full ballot of its own, which proposes ABORTED for any vote no acceptor has accepted.", NarrationTone.Important),
            TimerKind.Decision when node != 0 && state.Phases[node] == Phase.Uncertain => Line(e, $"{N(node)} has waited long enough for the outcome{Why}: instead of asking L, it will find out from the acceptors by leading a ballot itself.", NarrationTone.Important),
            _ => null,
        };
    }

    /// <summary>Acceptors are the nodes after the participants.</summary>
    private int Acceptors => state.NodeCount - 1 - state.Participants;

    private string CoordinatorCrashPaxos()
    {
        var uncertain = Participants(p => state.Up[p] && state.Decisions[p] == Outcome.None && state.Phases[p] == Phase.Uncertain);
        var decided = state.Decisions[0] != Outcome.None;
        var who = uncertain.Count == 0 ? "" : $" {Names(uncertain)} {Verb(uncertain.Count, "has", "have")} voted and {Verb(uncertain.Count, "is", "are")} uncertain.";
        var holders = Acceptors == 1 ? "A1 alone holds each vote" : $"a majority of them ({(Acceptors / 2) + 1} of {Acceptors}) is what holds each vote";
        return $"L crashes{(decided ? " after deciding" : "")}.{who}{Why} Their votes did not go to L but to the acceptors, and {holders}.";
    }

    private string AcceptorCrash(int node)
    {
        var up = AcceptorsUp(node, counting: false);
        var majority = (Acceptors / 2) + 1;
        var standing = up >= majority
            ? $"{up} of {Acceptors} acceptors are still up, a majority, so votes can still be chosen."
            : $"only {up} of {Acceptors} acceptors {Verb(up, "is", "are")} up, fewer than the {majority} a majority needs, so no vote can be chosen until enough come back.";
        return $"{N(node)} crashes{Why}: what it accepted is on its disk, but while it is down it answers nobody; {standing}";
    }

    private string AcceptorRecovery(int node)
    {
        var up = AcceptorsUp(node, counting: true);
        var majority = (Acceptors / 2) + 1;
        var standing = up >= majority
            ? $"{up} of {Acceptors} acceptors are up, a majority, so votes can be chosen again."
            : $"still only {up} of {Acceptors} {Verb(up, "is", "are")} up, fewer than the {majority} a majority needs.";
        return $"{N(node)} recovers with its log{Why}: it forced every promise and every vote it accepted before replying, so it comes back holding exactly those, answers ballots again and keeps its promises; {standing}";
    }

    /// <summary>Acceptors up, with <paramref name="node"/> counted as up or down (the state has not seen its crash or recovery yet: a line is composed before it is observed).</summary>
    private int AcceptorsUp(int node, bool counting)
    {
        var up = counting ? 1 : 0;
        for (var a = state.Participants + 1; a < state.NodeCount; a++)
        {
            up += state.Up[a] && a != node ? 1 : 0;
        }

        return up;
    }
}
