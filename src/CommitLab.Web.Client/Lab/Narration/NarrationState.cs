using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// What the narrator knows about a run at one point of its trace, rebuilt from the trace alone (who is
/// up, uncertain, holding locks, suspecting whom, which votes and reports arrived). A trace entry only
/// says what happened; saying why it matters ("they are now blocked") needs this picture. Updating
/// it allocates almost nothing, so replaying a long trace to reach a position stays cheap.
/// </summary>
internal sealed class NarrationState
{
    private readonly ImmutableArray<string> names;
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly HashSet<long> sent = new();
    private readonly HashSet<long> sentKinds = new();

    public NarrationState(ImmutableArray<string> names)
    {
        this.names = names;
        NodeCount = names.Length;
        LogNode = NodeCount > 1 && names[^1] == "LOG" ? NodeCount - 1 : -1;
        // P1..Pn only: LOG and Paxos Commit's acceptors (A1, A2, ...) come after them and take no vote.
        Participants = names.Count(n => n.Length > 1 && n[0] == 'P' && char.IsAsciiDigit(n[1]));
        for (var i = 0; i < NodeCount; i++)
        {
            index[names[i]] = i;
        }

        Phases = new Phase[NodeCount];
        Decisions = new Outcome[NodeCount];
        Up = Enumerable.Repeat(true, NodeCount).ToArray();
        Frozen = new bool[NodeCount];
        UncertainSince = Enumerable.Repeat(-1L, NodeCount).ToArray();
        AskRounds = new int[NodeCount];
        Locks = Enumerable.Range(0, NodeCount).Select(_ => new List<string>()).ToArray();
        Log = Enumerable.Range(0, NodeCount).Select(_ => new List<LogRecordKind>()).ToArray();
        LinkUp = Enumerable.Repeat(true, NodeCount * NodeCount).ToArray();
        Group = Enumerable.Repeat(-1, NodeCount).ToArray();
        VotedYes = new bool[NodeCount];
        PreCommitAcked = new bool[NodeCount];
        Suspects = new bool[NodeCount * NodeCount];
        Leading = new bool[NodeCount];
        Reported = new Phase?[NodeCount * NodeCount];
        LearnedFrom = Enumerable.Repeat(-1, NodeCount).ToArray();
        Learned = new Outcome[NodeCount];
        LastRequest = new MessageKind?[NodeCount];
        RecoveredStep = Enumerable.Repeat(-1L, NodeCount).ToArray();
    }

    public int NodeCount { get; }

    /// <summary>Participants are nodes 1..Participants; L is 0.</summary>
    public int Participants { get; }

    /// <summary>The outcome log node, or -1 when the run has none.</summary>
    public int LogNode { get; }

    public Phase[] Phases { get; }

    public Outcome[] Decisions { get; }

    public bool[] Up { get; }

    public bool[] Frozen { get; }

    /// <summary>When a participant last started waiting for the outcome (voted yes, or recovered uncertain); -1 if not waiting.</summary>
    public long[] UncertainSince { get; }

    /// <summary>How often a node's decision timer has fired since it started waiting.</summary>
    public int[] AskRounds { get; }

    public List<string>[] Locks { get; }

    public List<LogRecordKind>[] Log { get; }

    /// <summary>Directed links, [from * NodeCount + to].</summary>
    public bool[] LinkUp { get; }

    /// <summary>Partition group per node, or -1 when no partition is in force (or the node is not in one).</summary>
    public int[] Group { get; }

    /// <summary>Participants whose YES reached L (L's volatile knowledge: lost when L crashes).</summary>
    public bool[] VotedYes { get; }

    /// <summary>A participant's NO reached L.</summary>
    public bool AnyNoVote { get; private set; }

    /// <summary>L's vote timer ran out before L decided.</summary>
    public bool VoteTimedOut { get; private set; }

    /// <summary>Participants whose ACK of PRE-COMMIT reached L.</summary>
    public bool[] PreCommitAcked { get; }

    /// <summary>[observer * NodeCount + target]: the observer's failure detector suspects the target.</summary>
    public bool[] Suspects { get; }

    /// <summary>The participant runs the 3PC termination protocol as the new coordinator.</summary>
    public bool[] Leading { get; }

    /// <summary>[leader * NodeCount + from]: the state a participant reported to a termination leader.</summary>
    public Phase?[] Reported { get; }

    /// <summary>Who first told the node an outcome since it last decided (-1: nobody), and what.</summary>
    public int[] LearnedFrom { get; }

    public Outcome[] Learned { get; }

    /// <summary>The last request the node received (a PREPARE, a state request, ...), to explain a unilateral abort.</summary>
    public MessageKind?[] LastRequest { get; }

    /// <summary>The simulator step in which the node last recovered (-1: never).</summary>
    public long[] RecoveredStep { get; }

    /// <summary>Some node suspected a node that was actually running: the detector has been wrong in this run.</summary>
    public bool WrongSuspicionSeen { get; private set; }

    /// <summary>How many violations the monitors have reported so far.</summary>
    public int Violations { get; private set; }

    /// <summary>The trace index of the last crash, cut or partition (-1: none): the cause a stuck run is explained by.</summary>
    public int LastFaultIndex { get; private set; } = -1;

    /// <summary>The node that decided most recently (-1: none yet).</summary>
    public int LastDecider { get; private set; } = -1;

    public string Name(int node) => node >= 0 && node < NodeCount ? names[node] : "?";

    public bool IsParticipant(int node) => node >= 1 && node <= Participants;

    public bool WasSent(int from, int to, MessageKind kind) => sent.Contains(SentKey(from, to, kind));

    /// <summary>Whether the node has sent this kind of message to anyone before: the first time gets the explanation.</summary>
    public bool HasSent(int from, MessageKind kind) => sentKinds.Contains(((long)from * 64) + (int)kind);

    public bool Suspected(int observer, int target) =>
        observer >= 0 && target >= 0 && observer < NodeCount && target < NodeCount && Suspects[(observer * NodeCount) + target];

    public bool Link(int from, int to) => from < 0 || to < 0 || from >= NodeCount || to >= NodeCount || LinkUp[(from * NodeCount) + to];

    public int YesVotes => Count(VotedYes);

    public int PreCommitAcks => Count(PreCommitAcked);

    /// <summary>Takes one trace entry into account. Call in trace order.</summary>
    public void Observe(in TraceEvent e)
    {
        if (e.Node >= NodeCount || e.Peer >= NodeCount)
        {
            return; // not a node of this run: nothing to learn from it
        }

        switch (e.Kind)
        {
            case TraceKind.Send:
                sent.Add(SentKey(e.Node, e.Peer, e.Message));
                sentKinds.Add(((long)e.Node * 64) + (int)e.Message);
                if (e.Message == MessageKind.StateReq && IsParticipant(e.Node))
                {
                    Leading[e.Node] = true;
                }

                break;
            case TraceKind.Deliver:
                OnDeliver(e);
                break;
            case TraceKind.TimerFired:
                if (e.Timer == TimerKind.Vote && e.Node == 0 && Decisions[0] == Outcome.None)
                {
                    VoteTimedOut = true;
                }
                else if (e.Timer == TimerKind.Decision && e.Node >= 0)
                {
                    AskRounds[e.Node]++;
                }

                break;
            case TraceKind.Crash:
                OnCrash(e.Node);
                LastFaultIndex = e.Index;
                break;
            case TraceKind.Recover:
                Up[e.Node] = true;
                RecoveredStep[e.Node] = e.Step;
                break;
            case TraceKind.Freeze:
                Frozen[e.Node] = true;
                break;
            case TraceKind.Unfreeze:
                Frozen[e.Node] = false;
                break;
            case TraceKind.Cut or TraceKind.Heal:
                LinkUp[(e.Node * NodeCount) + e.Peer] = e.Kind == TraceKind.Heal;
                if (e.Kind == TraceKind.Cut && !(e.Index > 0 && LastFaultIndex == e.Index - 1 && LinkUp[(e.Peer * NodeCount) + e.Node] == false))
                {
                    LastFaultIndex = e.Index; // the second half of a both-ways cut is told with the first
                }

                break;
            case TraceKind.Partition:
                OnPartition(e.Text ?? "");
                LastFaultIndex = e.Index;
                break;
            case TraceKind.HealAll:
                Array.Fill(LinkUp, true);
                Array.Fill(Group, -1);
                break;
            case TraceKind.LogAppend:
                Log[e.Node].Add(e.Record);
                break;
            case TraceKind.StateChange:
                Phases[e.Node] = e.State;
                if (e.State is Phase.Uncertain or Phase.PreCommitted && UncertainSince[e.Node] < 0)
                {
                    UncertainSince[e.Node] = e.Tick;
                }

                break;
            case TraceKind.Decision:
                Decisions[e.Node] = e.Decision;
                Phases[e.Node] = e.Decision == Outcome.Commit ? Phase.Committed : Phase.Aborted;
                UncertainSince[e.Node] = -1;
                Leading[e.Node] = false;
                LastDecider = e.Node;
                break;
            case TraceKind.Suspect:
                if (Up[e.Peer])
                {
                    WrongSuspicionSeen = true;
                }

                Suspects[(e.Node * NodeCount) + e.Peer] = true;
                break;
            case TraceKind.Unsuspect:
                Suspects[(e.Node * NodeCount) + e.Peer] = false;
                break;
            case TraceKind.LockAcquired:
                Locks[e.Node].Add(e.Text ?? "");
                break;
            case TraceKind.LockReleased:
                Locks[e.Node].Remove(e.Text ?? "");
                break;
            case TraceKind.Violation:
                Violations++;
                break;
        }
    }

    private void OnDeliver(in TraceEvent e)
    {
        var to = e.Node;
        var from = e.Peer;
        switch (e.Message)
        {
            case MessageKind.VoteYes when to == 0:
                VotedYes[from] = true;
                break;
            case MessageKind.VoteNo when to == 0:
                AnyNoVote = true;
                break;
            case MessageKind.Ack when to == 0 && e.Decision == Outcome.None:
                PreCommitAcked[from] = true;
                break;
            case MessageKind.Commit or MessageKind.DoCommit:
                Learn(to, from, Outcome.Commit);
                break;
            case MessageKind.Abort:
                Learn(to, from, Outcome.Abort);
                break;
            case MessageKind.Decision when e.Decision != Outcome.None:
                Learn(to, from, e.Decision);
                break;
            case MessageKind.StateReport:
                Reported[(to * NodeCount) + from] = e.State;
                if (e.State is Phase.Committed or Phase.Aborted)
                {
                    Learn(to, from, e.State == Phase.Committed ? Outcome.Commit : Outcome.Abort);
                }

                break;
            case MessageKind.Prepare or MessageKind.CanCommit or MessageKind.DecisionReq or MessageKind.StateReq:
                LastRequest[to] = e.Message;
                break;
        }
    }

    private void Learn(int node, int from, Outcome outcome)
    {
        if (LearnedFrom[node] < 0 && Decisions[node] == Outcome.None)
        {
            LearnedFrom[node] = from;
            Learned[node] = outcome;
        }
    }

    private void OnCrash(int node)
    {
        // Everything volatile is gone; the log (and what the node decided, as it is logged) survives.
        Up[node] = false;
        Frozen[node] = false;
        Locks[node].Clear();
        Leading[node] = false;
        LearnedFrom[node] = -1;
        LastRequest[node] = null;
        AskRounds[node] = 0;
        UncertainSince[node] = -1;
        for (var i = 0; i < NodeCount; i++)
        {
            Reported[(node * NodeCount) + i] = null;
        }

        if (node == 0)
        {
            Array.Clear(VotedYes);
            Array.Clear(PreCommitAcked);
        }
    }

    private void OnPartition(string text)
    {
        Array.Fill(Group, -1);
        var groups = text.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var g = 0; g < groups.Length; g++)
        {
            foreach (var name in groups[g].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (index.TryGetValue(name, out var node))
                {
                    Group[node] = g;
                }
            }
        }

        for (var from = 0; from < NodeCount; from++)
        {
            for (var to = 0; to < NodeCount; to++)
            {
                if (Group[from] >= 0 && Group[to] >= 0 && Group[from] != Group[to])
                {
                    LinkUp[(from * NodeCount) + to] = false;
                }
            }
        }
    }

    private long SentKey(int from, int to, MessageKind kind) => (((long)from * NodeCount) + to) * 64 + (int)kind;

    private static int Count(bool[] flags)
    {
        var n = 0;
        foreach (var f in flags)
        {
            if (f)
            {
                n++;
            }
        }

        return n;
    }
}
