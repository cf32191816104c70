using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// Lines about what nodes do and know: log writes, state changes, decisions, timers, suspicions,
/// locks and the monitors' verdicts. These carry the "why" of the lesson.
/// </summary>
internal sealed partial class LineComposer
{
    private NarrationLine? LogAppend(in TraceEvent e)
    {
        var node = e.Node;
        var name = N(node);
        var record = Prose.RecordWord(e.Record);
        if (Paxos && PaxosLog(e) is { } paxosLine)
        {
            return paxosLine;
        }

        if (node == state.LogNode)
        {
            return e.Record is LogRecordKind.Commit or LogRecordKind.Abort
                ? Line(e, $"LOG force-writes {record}{Why}: the decision is now stored outside L, so participants can learn it from LOG even while L is down.", NarrationTone.Important)
                : Line(e, $"LOG writes {record}.", NarrationTone.Routine);
        }

        if (node == 0)
        {
            return e.Record switch
            {
                LogRecordKind.Commit when !e.Forced => Line(e, $"L writes COMMIT without forcing it{Why}: every participant voted READ-ONLY, so nobody waits for the outcome and there is nothing to tell.", NarrationTone.Routine),
                LogRecordKind.Abort when !e.Forced => Line(e, $"L writes ABORT lazily, without forcing it{Why}: under presumed abort, a coordinator that finds no decision after a crash answers ABORT anyway, so nothing is lost if this record is.", NarrationTone.Important),
                LogRecordKind.Collecting => Line(e, $"L force-writes COLLECTING, naming the participants, before it sends PREPARE{Why}: under presumed commit this record is how a recovering L tells a transaction still voting (abort it) from one it committed and forgot.", NarrationTone.Important),
                LogRecordKind.Commit => Line(e, $"L force-writes COMMIT to its log before telling anyone{Why}: the decision is now durable, so a crash from here on cannot undo it (after recovering, L would send COMMIT again).", NarrationTone.Important),
                LogRecordKind.Abort => Line(e, $"L force-writes ABORT to its log before telling anyone{Why}, so that even after a crash it will answer ABORT.", NarrationTone.Important),
                LogRecordKind.PreCommit => Line(e, $"Every participant voted YES. L force-writes PRE-COMMIT before announcing it{Why}: this extra round makes sure no participant is still merely uncertain when anyone commits.", NarrationTone.Important),
                LogRecordKind.End => Line(e, $"Every participant has acknowledged the outcome, so L writes END{Why} and may forget the transaction.", NarrationTone.Good),
                _ => Line(e, $"L writes {record} to its log.", NarrationTone.Routine),
            };
        }

        var forced = e.Forced ? "force-writes" : "writes";
        return e.Record switch
        {
            LogRecordKind.Prepared => Line(e, $"{name} force-writes PREPARED to its log before voting YES{Why}: from now on it may not abort on its own, even after a crash; it must wait to learn the outcome.", NarrationTone.Important),
            LogRecordKind.PreCommit when state.Leading[node] => Line(e, $"{name} force-writes PRE-COMMIT{Why}: a participant it heard from is pre-committed, so L may already have committed, and {name} will move everyone to pre-committed before committing.", NarrationTone.Important),
            LogRecordKind.PreCommit => Line(e, $"{name} force-writes PRE-COMMIT{Why}: it now knows every participant voted YES, so nobody can have aborted on their own; what is left is to commit.", NarrationTone.Important),
            _ => Line(e, $"{name} {forced} {record} to its log.", NarrationTone.Routine),
        };
    }

    private NarrationLine? StateChange(in TraceEvent e)
    {
        var node = e.Node;
        if (node == state.LogNode || state.RecoveredStep[node] == e.Step)
        {
            return null; // LOG's log line, or the recovery line, already told it
        }

        if (PreviousInStep(e, out var p) && p.Kind == TraceKind.LogAppend && p.Node == node)
        {
            return null; // the log write just before explains the new state better
        }

        return Line(e, $"{N(node)} is now {Prose.PhaseWord(e.State)}.", NarrationTone.Routine);
    }

    private NarrationLine Decision(in TraceEvent e)
    {
        var node = e.Node;
        var outcome = e.Decision;
        var word = Prose.OutcomeWord(outcome);
        if (Paxos && PaxosDecision(e) is { } paxosLine)
        {
            return paxosLine;
        }

        if (node == 0)
        {
            return CoordinatorDecision(e, word);
        }

        var name = N(node);
        var effect = outcome == Outcome.Commit ? "it makes its updates permanent" : "it discards its pending updates";
        if (state.LearnedFrom[node] >= 0 && state.Learned[node] == outcome)
        {
            var from = state.LearnedFrom[node];
            var how = from == 0 ? "as L decided" : from == state.LogNode ? "as LOG recorded" : $"having learned the outcome from {N(from)}";
            return Line(e, $"{name} decides {word}, {how}{Why}: {effect}.", NarrationTone.Good);
        }

        if (state.RecoveredStep[node] == e.Step)
        {
            return state.Log[node].Contains(LogRecordKind.Prepared) || outcome == Outcome.Commit
                ? Line(e, $"{name} decides {word}{Why}: its log already held that outcome.", NarrationTone.Good)
                : Line(e, $"{name} decides ABORT{Why}: it never voted before it crashed, so nobody can have committed without its YES.", NarrationTone.Good);
        }

        // A 3PC participant that voted decides on its own only through the termination protocol
        // (possibly with nobody left to ask, in which case it never sent a state request).
        if (state.Leading[node] || (ThreePhase && state.Phases[node] is Phase.Uncertain or Phase.PreCommitted))
        {
            return Line(e, TerminationDecision(node, outcome), NarrationTone.Good);
        }

        if (outcome == Outcome.Abort && state.Phases[node] == Phase.Working)
        {
            return state.LastRequest[node] switch
            {
                MessageKind.Prepare or MessageKind.CanCommit =>
                    Line(e, $"{name} cannot commit, so it decides ABORT on its own{Why} and will vote NO: until it votes, a participant is free to abort.", NarrationTone.Good),
                MessageKind.DecisionReq or MessageKind.StateReq =>
                    Line(e, $"{name} had not voted yet when a peer asked about the outcome, so it decides ABORT on its own{Why}; that settles the transaction as ABORT for everyone.", NarrationTone.Good),
                _ => Line(e, $"{name} decides ABORT on its own{Why}: it never voted, so nobody can commit without its YES.", NarrationTone.Good),
            };
        }

        return Line(e, $"{name} decides {word}{Why}: {effect}.", NarrationTone.Good);
    }

    private NarrationLine CoordinatorDecision(in TraceEvent e, string word)
    {
        if (state.LearnedFrom[0] >= 0 && state.Learned[0] == e.Decision)
        {
            return Line(e, $"L decides {word}, having learned the outcome from {N(state.LearnedFrom[0])}.", NarrationTone.Good);
        }

        if (state.RecoveredStep[0] == e.Step && LoggedDecision(0) == e.Decision)
        {
            return Line(e, $"L decides {word}{Why}: the decision it logged before crashing stands.", NarrationTone.Good);
        }

        if (e.Decision == Outcome.Commit)
        {
            if (!ThreePhase)
            {
                return Line(e, $"L decides COMMIT{Why}: all {state.Participants} participants voted YES.", NarrationTone.Good);
            }

            var ignored = Participants(p => !state.PreCommitAcked[p] && state.Suspected(0, p));
            if (ignored.Count > 0)
            {
                var many = ignored.Count > 1;
                var them = many ? "them" : N(ignored[0]);
                return Line(e, $"L decides COMMIT although {Names(ignored)} never acknowledged PRE-COMMIT{Why}: its failure detector suspects {them}, so it counts {them} as failed. If {(many ? "they are" : "it is")} only cut off, {(many ? "they" : "it")} may decide the other way.", NarrationTone.Important);
            }

            return Line(e, $"L decides COMMIT{Why}: every participant acknowledged PRE-COMMIT, so all of them know everyone voted YES.", NarrationTone.Good);
        }

        if (state.AnyNoVote)
        {
            return Line(e, $"L decides ABORT{Why}: a participant voted NO, and one NO is enough.", NarrationTone.Good);
        }

        if (state.VoteTimedOut)
        {
            return Line(e, $"L decides ABORT{Why}: not every vote arrived before its vote timeout, and a missing vote counts as NO.", NarrationTone.Good);
        }

        if (state.RecoveredStep[0] >= 0)
        {
            return Line(e, $"L decides ABORT{Why}: it recovered with no decision in its log, so it cannot have sent one, and aborting is safe.", NarrationTone.Good);
        }

        return Line(e, "L decides ABORT.", NarrationTone.Good);
    }

    /// <summary>Why a 3PC participant leading the termination protocol decided as it did (Skeen's rule).</summary>
    private string TerminationDecision(int leader, Outcome outcome)
    {
        var name = N(leader);
        var reports = Enumerable.Range(1, state.Participants)
            .Where(p => state.Reported[(leader * state.NodeCount) + p] is not null)
            .ToList();
        var word = Prose.OutcomeWord(outcome);
        var settled = reports.FirstOrDefault(p => state.Reported[(leader * state.NodeCount) + p] == (outcome == Outcome.Commit ? Phase.Committed : Phase.Aborted));
        if (settled > 0)
        {
            return $"{name}, as the new coordinator, decides {word}{Why}: {N(settled)} reported it had already {(outcome == Outcome.Commit ? "committed" : "aborted")}.";
        }

        if (outcome == Outcome.Commit)
        {
            return $"{name}, as the new coordinator, decides COMMIT{Why}: a participant was pre-committed, and now every participant it can reach is.";
        }

        var ignored = Enumerable.Range(0, state.Participants + 1).Where(p => p != leader && state.Suspected(leader, p) && state.Up[p]).ToList();
        var caveat = ignored.Count > 0
            ? $" That is only as good as its failure detector: it suspects {Names(ignored)}, which {Verb(ignored.Count, "is", "are")} in fact still running."
            : "";
        return $"{name}, as the new coordinator, decides ABORT{Why}: no participant it heard from is pre-committed, so it concludes nobody can have committed.{caveat}";
    }

    private NarrationLine? Timer(in TraceEvent e)
    {
        var node = e.Node;
        if (Paxos)
        {
            return PaxosTimer(e);
        }

        switch (e.Timer)
        {
            case TimerKind.Vote when node == 0 && state.Decisions[0] == Outcome.None && state.Phases[0] == Phase.Working:
                var missing = Participants(p => !state.VotedYes[p]);
                return Line(e, $"L's vote timeout runs out with {state.YesVotes} of {state.Participants} YES votes in (none from {Names(missing)}){Why}: a missing vote counts as NO, so L will abort.", NarrationTone.Important);
            case TimerKind.Decision when state.Decisions[node] == Outcome.None:
                return DecisionTimer(e);
            default:
                return null; // resend timers: the repeated messages get their own lines
        }
    }

    private NarrationLine DecisionTimer(in TraceEvent e)
    {
        var node = e.Node;
        var name = N(node);

        // Whom it asks: the requests it sends in the same instant.
        var asked = new List<int>();
        for (var i = e.Index + 1; Has(i) && events[i].Step == e.Step; i++)
        {
            var s = events[i];
            if (s.Kind == TraceKind.Send && s.Node == node && s.Message == MessageKind.DecisionReq)
            {
                asked.Add(s.Peer);
            }
            else if (!IsImmediateDrop(s, events[i - 1]))
            {
                break;
            }
        }

        var ask = asked.Count > 0 ? $"asks {Names(asked)}" : "has nobody it can ask";
        if (node == 0)
        {
            return Line(e, $"L still has no answer about the outcome, so it {ask} again.", NarrationTone.Routine);
        }

        var since = state.UncertainSince[node];
        var waited = since >= 0 ? Prose.Ms(e.Tick - since) : "a while";
        var round = state.AskRounds[node] + 1;
        var phase = Prose.PhaseWord(state.Phases[node]);
        if (round == 1)
        {
            return Line(e, $"{name} has been {phase} for {waited} without hearing the outcome, so it {ask}.", NarrationTone.Important);
        }

        // Asked before and still nothing: by the blocking monitor's measure it is blocked, and its locks stay taken.
        var locks = state.Locks[node];
        var holding = locks.Count > 0 ? $", still holding its lock on {Prose.List(locks)}," : "";
        return Line(e, $"{name} is still {phase} after {waited}{Why}: it is blocked{holding} and {ask} again.", NarrationTone.Important);
    }

    /// <summary>
    /// Everyone who starts (or stops) suspecting the same node at the same instant, or null when
    /// <paramref name="e"/> is not the first of them (the first one's line tells them all).
    /// </summary>
    private List<int>? Observers(in TraceEvent e)
    {
        if (e.Index > 0 && events[e.Index - 1] is var p && p.Kind == e.Kind && p.Tick == e.Tick && p.Peer == e.Peer)
        {
            return null;
        }

        var observers = new List<int>();
        for (var i = e.Index; Has(i) && events[i].Kind == e.Kind && events[i].Tick == e.Tick && events[i].Peer == e.Peer; i++)
        {
            observers.Add(events[i].Node);
        }

        return observers;
    }

    private NarrationLine? Unsuspect(in TraceEvent e) =>
        Observers(e) is { } observers
            ? Line(e, $"{Names(observers)} no longer {Verb(observers.Count, "suspects", "suspect")} {N(e.Peer)}{Why}: {Verb(observers.Count, "it hears", "they hear")} from it again.", NarrationTone.Routine)
            : null;

    private NarrationLine? Suspect(in TraceEvent e)
    {
        if (Observers(e) is not { } observers)
        {
            return null; // told with the first observer of this instant
        }

        var target = e.Peer;
        var who = Names(observers);
        var s = Verb(observers.Count, "suspects", "suspect");
        var t = N(target);
        if (!state.Up[target])
        {
            return ThreePhase && target == 0 && observers.Any(o => state.IsParticipant(o) && state.Decisions[o] == Outcome.None)
                ? Line(e, $"{who} now {s} L{Why}, correctly: L is down. In 3PC this is the signal to finish the protocol without L, through the termination protocol.", NarrationTone.Important)
                : Line(e, $"{who} now {s} {t}{Why}, correctly: {t} is down.", NarrationTone.Routine);
        }

        var why = WhySilent(observers[0], target);
        if (EarlierWrongSuspicionThisTick(e))
        {
            return Line(e, $"{who} also {s} {t}{Why}, wrongly: {why}.", NarrationTone.Important);
        }

        var warning = ThreePhase && !state.WrongSuspicionSeen ? " In 3PC, acting on a wrong suspicion can break atomicity." : "";
        return Line(e, $"{who} now {s} {t}{Why}, but {t} is still running: {why}. A timeout detector cannot tell silence from a crash.{warning}", NarrationTone.Important);
    }

    private string WhySilent(int observer, int target)
    {
        if (!state.Link(target, observer))
        {
            var partitioned = state.Group[target] >= 0 && state.Group[observer] >= 0 && state.Group[target] != state.Group[observer];
            return partitioned ? "a partition separates them" : $"the link from {N(target)} to {N(observer)} is cut";
        }

        return state.Frozen[target] ? $"{N(target)} is frozen" : $"{N(target)} is only slow";
    }

    private bool EarlierWrongSuspicionThisTick(in TraceEvent e)
    {
        for (var i = e.Index - 1; i >= 0 && events[i].Tick == e.Tick; i--)
        {
            if (events[i].Kind == TraceKind.Suspect && events[i].Peer < state.NodeCount && state.Up[events[i].Peer])
            {
                return true;
            }
        }

        return false;
    }

    private NarrationLine? LockAcquired(in TraceEvent e)
    {
        if (PreviousInStep(e, out var p) && p.Kind == TraceKind.LockAcquired && p.Text == e.Text)
        {
            return null;
        }

        if (state.RecoveredStep[e.Node] == e.Step)
        {
            return Line(e, $"{N(e.Node)} takes its lock on {e.Text} again{Why}: its YES still binds it.", NarrationTone.Routine);
        }

        var holders = new List<int>();
        for (var i = e.Index; Has(i) && events[i].Kind == TraceKind.LockAcquired && events[i].Step == e.Step && events[i].Text == e.Text; i++)
        {
            holders.Add(events[i].Node);
        }

        var many = holders.Count > 1;
        return Line(e, $"{Names(holders)} {(many ? "hold locks" : "holds a lock")} on {e.Text} for the transaction's pending updates{Why}: nobody else may use that data until the outcome is known.", NarrationTone.Routine);
    }

    private NarrationLine Violation(in TraceEvent e)
    {
        var text = e.Text ?? "";
        var decider = state.LastDecider;
        if (text.StartsWith("atomicity", StringComparison.Ordinal) && decider >= 0)
        {
            var mine = state.Decisions[decider];
            var others = Enumerable.Range(0, state.Participants + 1)
                .Where(n => state.Decisions[n] != Outcome.None && state.Decisions[n] != mine)
                .ToList();
            if (others.Count > 0)
            {
                var theirs = Prose.OutcomeWord(state.Decisions[others[0]]);
                var cause = ThreePhase && state.WrongSuspicionSeen && state.Violations == 0
                    ? " The nodes acted on suspicions that were wrong: the nodes they gave up on were cut off, not crashed. 3PC is only safe with a failure detector that never suspects a running node."
                    : "";
                return Line(e, $"Atomicity is broken: {N(decider)} decided {Prose.OutcomeWord(mine)}, but {Names(others)} decided {theirs}.{Why} One transaction now has two outcomes.{cause}", NarrationTone.Danger);
            }
        }

        if (text.StartsWith("validity", StringComparison.Ordinal) && decider >= 0)
        {
            var nonVoter = Participants(p => !state.Log[p].Contains(LogRecordKind.Prepared));
            if (nonVoter.Count > 0)
            {
                return Line(e, $"Validity is broken: {N(decider)} decided COMMIT although {N(nonVoter[0])} never voted YES.", NarrationTone.Danger);
            }
        }

        return Line(e, $"Violation: {Prose.Times(text)}.", NarrationTone.Danger);
    }
}
