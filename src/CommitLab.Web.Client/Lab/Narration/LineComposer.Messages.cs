using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>Lines about messages: sends (grouped per instant), deliveries, losses and delays.</summary>
internal sealed partial class LineComposer
{
    private NarrationLine? Send(in TraceEvent e)
    {
        if (ContinuesSendGroup(e) || FollowsDecisionTimer(e))
        {
            return null;
        }

        // Everyone this node sends the same message to at this instant, and which of those the cut link swallowed.
        var targets = new List<int>();
        var lost = new List<int>();
        var repeat = true;
        for (var i = e.Index; Has(i); i++)
        {
            var s = events[i];
            if (!SameSend(s, e))
            {
                break;
            }

            targets.Add(s.Peer);
            repeat &= state.WasSent(s.Node, s.Peer, s.Message);
            if (Has(i + 1) && IsImmediateDrop(events[i + 1], s))
            {
                lost.Add(s.Peer);
                i++;
            }
        }

        var (text, tone) = SendText(e, targets, repeat);
        if (lost.Count > 0)
        {
            // The loss is a fact too: the whole line stays on screen even while a question is open.
            text = text.Replace(Why, "", StringComparison.Ordinal);
            var all = lost.Count == targets.Count;
            text += all && targets.Count == 1
                ? $" It is lost at once: the link from {N(e.Node)} to {Names(targets)} is cut."
                : $" {(all ? "All are" : $"The {Verb(lost.Count, "one", "ones")} to {Names(lost)} {Verb(lost.Count, "is", "are")}")} lost at once: the {Verb(lost.Count, "link is", "links are")} cut.";
            tone = tone == NarrationTone.Routine ? NarrationTone.Fault : tone;
        }

        return Line(e, text, tone);
    }

    private (string Text, NarrationTone Tone) SendText(in TraceEvent e, List<int> targets, bool repeat)
    {
        var from = N(e.Node);
        var to = Names(targets);
        var they = Verb(targets.Count, "it", "they");
        var has = Verb(targets.Count, "has", "have");
        var upper = Prose.MessageWord(e.Message, e.Decision, e.State);
        if (e.Slot.IsPaxos)
        {
            return PaxosSendText(e, targets, repeat);
        }

        switch (e.Message)
        {
            case MessageKind.Prepare when Paxos && !repeat && !state.HasSent(e.Node, e.Message):
                return ($"{from} sends PREPARE to {to}{Why}: can {they} commit? In Paxos Commit each answer goes to the acceptors, not back to L.", NarrationTone.Routine);
            case MessageKind.Commit or MessageKind.Abort when Paxos && e.Node != 0:
                return ($"{from} tells {to} the outcome its ballot found: {upper}.", NarrationTone.Important);
            case MessageKind.Prepare or MessageKind.CanCommit when repeat:
                return ($"{from} sends {upper} again to {to}{Why}: no vote from {(targets.Count == 1 ? to : "them")} yet.", NarrationTone.Routine);
            case MessageKind.Prepare or MessageKind.CanCommit when state.HasSent(e.Node, e.Message):
                return ($"{from} sends {upper} to {to}.", NarrationTone.Routine);
            case MessageKind.Prepare:
                return ($"{from} sends PREPARE to {to}{Why}: can {they} commit? This opens phase one of 2PC, the vote.", NarrationTone.Routine);
            case MessageKind.CanCommit:
                return ($"{from} asks {to} CAN-COMMIT?{Why}, the first of 3PC's three rounds.", NarrationTone.Routine);
            case MessageKind.VoteYes:
                return (repeat ? $"{from} repeats its YES vote to {to}." : $"{from} votes YES.", NarrationTone.Routine);
            case MessageKind.VoteNo:
                return ($"{from} votes NO.", NarrationTone.Important);
            case MessageKind.Commit or MessageKind.Abort or MessageKind.DoCommit when e.Node == 0 && targets.Count == 1 && targets[0] == state.LogNode:
                return repeat
                    ? ($"L sends {upper} to LOG again{Why}: no ACK from it yet.", NarrationTone.Routine)
                    : ($"L records its decision, {upper}, at LOG before telling any participant, and waits for LOG's ACK{Why}: once LOG has it, participants can learn the outcome even while L is down.", NarrationTone.Important);
            case MessageKind.Commit or MessageKind.Abort or MessageKind.DoCommit when e.Node == 0:
                return repeat
                    ? ($"L sends {upper} again to {to}{Why}: {they} {has} not acknowledged yet.", NarrationTone.Routine)
                    : ($"L tells {to} the decision: {upper}.", NarrationTone.Routine);
            case MessageKind.Commit or MessageKind.Abort or MessageKind.DoCommit:
                return ($"{from}, as the new coordinator, tells {to}: {upper}.", NarrationTone.Important);
            case MessageKind.Ack:
                return ($"{from} acknowledges {(e.Decision != Outcome.None ? Prose.OutcomeWord(e.Decision) : "PRE-COMMIT")}{(e.Peer == 0 ? "" : " to " + to)}.", NarrationTone.Routine);
            case MessageKind.PreCommit when repeat:
                return ($"{from} sends PRE-COMMIT again to {to}{Why}: no ACK yet.", NarrationTone.Routine);
            case MessageKind.PreCommit when state.HasSent(e.Node, e.Message):
                return ($"{from} sends PRE-COMMIT to {to}.", NarrationTone.Routine);
            case MessageKind.PreCommit when e.Node == 0:
                return ($"L sends PRE-COMMIT to {to}{Why}: everyone voted YES, and 3PC makes sure every participant knows that before anyone commits.", NarrationTone.Important);
            case MessageKind.PreCommit:
                return ($"{from} sends PRE-COMMIT to {to}{Why}: someone is already pre-committed, so L may have committed, and everyone must be pre-committed before {from} commits.", NarrationTone.Important);
            case MessageKind.DecisionReq:
                return ($"{from} asks {to} for the outcome.", NarrationTone.Routine);
            case MessageKind.Decision:
                return (ReplyText(e, to), e.Decision == Outcome.None ? NarrationTone.Routine : NarrationTone.Important);
            case MessageKind.StateReq when repeat || state.Leading[e.Node]:
                return ($"{from} asks {to} again for {Verb(targets.Count, "its", "their")} state.", NarrationTone.Routine);
            case MessageKind.StateReq:
                return ($"{from} takes over as coordinator of the termination protocol{Why} (it is the lowest-numbered participant it does not suspect) and asks {to} for {Verb(targets.Count, "its", "their")} state.", NarrationTone.Important);
            case MessageKind.StateReport:
                return ($"{from} reports its state to {to}, the new coordinator: {Prose.PhaseWord(e.State)}.", NarrationTone.Important);
            default:
                return ($"{from} sends {upper} to {to}.", NarrationTone.Routine);
        }
    }

    /// <summary>The answer to a request for the outcome; "answers" when the request is the entry just before.</summary>
    private string ReplyText(in TraceEvent e, string to)
    {
        var from = N(e.Node);
        var answers = PreviousInStep(e, out var p) && p.Kind == TraceKind.Deliver && p.Node == e.Node && p.Peer == e.Peer && p.Message == MessageKind.DecisionReq
            ? $"{from} answers {to}'s request"
            : $"{from} replies to {to}";
        if (e.Decision != Outcome.None)
        {
            return $"{answers}: the outcome is {Prose.OutcomeWord(e.Decision)}.";
        }

        if (e.Node == 0)
        {
            return $"{answers}: L has not decided yet.";
        }

        if (e.Node == state.LogNode)
        {
            return $"{answers}: LOG holds no decision.";
        }

        return $"{answers}: it does not know the outcome either (it is {Prose.PhaseWord(state.Phases[e.Node])}).";
    }

    private NarrationLine? Deliver(in TraceEvent e)
    {
        var to = N(e.Node);
        var from = N(e.Peer);

        // A request answered in the same instant: the reply's line tells both.
        if (e.Message is MessageKind.DecisionReq or MessageKind.StateReq && NextInStep(e, out var next) &&
            next.Kind == TraceKind.Send && next.Node == e.Node && next.Peer == e.Peer && next.Message is MessageKind.Decision or MessageKind.StateReport)
        {
            return null;
        }

        if (e.Slot.IsPaxos)
        {
            return PaxosDeliver(e);
        }

        switch (e.Message)
        {
            case MessageKind.VoteYes when e.Node == 0:
                if (state.VotedYes[e.Peer] || state.Decisions[0] != Outcome.None || state.Phases[0] != Phase.Working)
                {
                    return Line(e, $"L receives {from}'s YES vote again.", NarrationTone.Routine);
                }

                var yes = state.YesVotes + 1;
                var all = yes >= state.Participants;
                var then = ThreePhase ? "L can move on to PRE-COMMIT." : "L can decide COMMIT.";
                return Line(e, $"L receives {from}'s YES vote ({yes} of {state.Participants}).{(all ? " Every participant has voted YES" + Why + ": " + then : "")}", NarrationTone.Routine);
            case MessageKind.VoteNo when e.Node == 0:
                return Line(e, $"L receives {from}'s NO vote{Why}: one NO is enough to abort the transaction.", NarrationTone.Important);
            case MessageKind.Ack when e.Node == 0 && e.Decision == Outcome.None && !state.PreCommitAcked[e.Peer]:
                return Line(e, $"L receives {from}'s ACK of PRE-COMMIT ({state.PreCommitAcks + 1} of {state.Participants}).", NarrationTone.Routine);
            case MessageKind.Decision when e.Decision == Outcome.None:
                var why = e.Peer == 0 ? "L has not decided yet" : e.Peer == state.LogNode ? "LOG holds no decision" : $"{from} does not know the outcome either";
                return Line(e, $"{to} hears from {from}: {why}.", NarrationTone.Routine);
            case MessageKind.Decision:
                return Line(e, $"{to} learns from {from} that the outcome is {Prose.OutcomeWord(e.Decision)}.", NarrationTone.Important);
            case MessageKind.DecisionReq:
                return Line(e, $"{to} receives {from}'s request for the outcome.", NarrationTone.Routine);
            case MessageKind.StateReq:
                return Line(e, $"{to} receives {from}'s state request.", NarrationTone.Routine);
            case MessageKind.StateReport:
                return Line(e, $"{to}, collecting states as the new coordinator, learns that {from} is {Prose.PhaseWord(e.State)}.", NarrationTone.Important);
            default:
                return Line(e, $"{to} receives {Prose.MessageWord(e.Message, e.Decision, e.State)} from {from}.", NarrationTone.Routine);
        }
    }

    private NarrationLine? Drop(in TraceEvent e)
    {
        // Lost at once because the link was already cut: the send's line said so.
        if (e.Index > 0 && IsImmediateDrop(e, events[e.Index - 1]))
        {
            return null;
        }

        var from = N(e.Peer);
        var to = N(e.Node);
        var what = Prose.MessageWord(e.Message, e.Decision, e.State);
        var text = $"{from}'s {what} to {to} is lost: {Prose.DropWhy(e.Reason, from, to)}.{Why}";
        if (e.Reason is DropReason.Loss or DropReason.Injected)
        {
            text += " Unanswered requests are repeated on a timer, so a loss delays the run unless a timeout runs out first.";
        }

        return Line(e, text, e.Reason == DropReason.ReceiverDown ? NarrationTone.Routine : NarrationTone.Fault);
    }

    private NarrationLine Delay(in TraceEvent e) =>
        Line(e, $"A fault holds back {N(e.Peer)}'s {Prose.MessageWord(e.Message, e.Decision, e.State)} to {N(e.Node)} by {e.Text} ms{Why}: it now arrives at {Prose.Ms(e.Value)}.", NarrationTone.Fault);

    /// <summary>Same sender, same message, same instant: one line covers them all.</summary>
    private static bool SameSend(in TraceEvent s, in TraceEvent first) =>
        s.Kind == TraceKind.Send && s.Step == first.Step && s.Node == first.Node && s.Message == first.Message &&
        s.Decision == first.Decision && s.State == first.State;

    private bool ContinuesSendGroup(in TraceEvent e)
    {
        var j = e.Index - 1;
        if (j >= 1 && IsImmediateDrop(events[j], events[j - 1]))
        {
            j--;
        }

        return j >= 0 && SameSend(events[j], e);
    }

    /// <summary>A decision timer's line already names whom the node asks.</summary>
    private bool FollowsDecisionTimer(in TraceEvent e) =>
        e.Message == MessageKind.DecisionReq && PreviousInStep(e, out var p) &&
        p.Kind == TraceKind.TimerFired && p.Timer == TimerKind.Decision && p.Node == e.Node;

    /// <summary>A message sent over a link that was already cut is dropped in the same breath as its send.</summary>
    private static bool IsImmediateDrop(in TraceEvent drop, in TraceEvent send) =>
        drop.Kind == TraceKind.Drop && send.Kind == TraceKind.Send && drop.MessageId == send.MessageId &&
        drop.Reason == DropReason.LinkCut && drop.Tick == send.Tick;
}
