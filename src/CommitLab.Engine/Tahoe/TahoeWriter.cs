using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A writer (W1..Wn): reads the file, then writes its update the way the run's mode says. In 2PC it is
/// the coordinator of its own update: there is no coordination service, which is what "end-to-end"
/// means in the proposal. Handlers return the next state and write effects; they never touch the world.
/// </summary>
public sealed class TahoeWriter : ProtocolRole<WriterState>
{
    public static readonly TahoeWriter Instance = new();

    public override string Name => "writer";

    public override bool Checkpoints => true;

    public override bool Narrates => true;

    /// <summary>The columns a Tahoe run's table shows for every node, writers and servers alike.</summary>
    internal static readonly System.Collections.Immutable.ImmutableArray<string> TableAspects = ["stage", "version", "lock"];

    public override System.Collections.Immutable.ImmutableArray<string> Aspects => TableAspects;

    /// <summary>The writer's stage as the lesson tells it, and what goes with it (the version it proposes, why it was refused).</summary>
    public override NodeDescription? Describe(NodeContext ctx, NodeState state)
    {
        var w = (WriterState)state;
        var mode = ctx.Protocol;
        var (stage, detail) = w.Stage switch
        {
            WriterPhase.Waiting => ("waiting", $"starts at {ctx.Tahoe!.StartOf(ctx.Names[ctx.Self])} ms"),
            WriterPhase.Reading => ("reading", $"try {w.Attempt}"),
            WriterPhase.Writing when mode == ProtocolKind.TahoeMagicFolder => ("appending", "to its own log"),
            WriterPhase.Writing => ("writing", w.Proposed?.Label ?? ""),
            WriterPhase.Preparing => ("preparing", w.Proposed?.Label ?? ""),
            WriterPhase.Committing => ("committing", w.Proposed?.Label ?? ""),
            WriterPhase.Aborting => ("aborting", w.Refusal ?? ""),
            WriterPhase.Backoff => ("retrying", $"after: {w.Refusal}"),
            WriterPhase.Done when mode == ProtocolKind.TahoeTwoPhase => ("committed", w.Proposed?.Label ?? ""),
            WriterPhase.Done => ("told: saved", w.Proposed?.Label ?? "its edit is in its log"),
            _ => ("aborted", "told: no can do"),
        };
        return new NodeDescription([stage, detail, ""], stage);
    }

    /// <summary>The writer waits for its start tick (a timer, so a crash before it is simply a writer that never started).</summary>
    public override NodeState Start(NodeContext ctx, Outbox outbox)
    {
        outbox.SetTimer(TimerKind.Start, (int)Settings(ctx).StartOf(ctx.Names[ctx.Self]));
        return WriterState.Initial;
    }

    protected override WriterState Handle(NodeContext c, WriterState s, in Message m, ulong suspected, Outbox o)
    {
        var body = (TahoePayload)m.Body!;
        // A yes for a try that will never commit (refused already, or an older try whose prepare
        // arrived late) leaves that server locked for nobody: tell it to let go at once.
        if (m.Kind == MessageKind.VoteYes && !(body.Attempt == s.Attempt && s.Stage is WriterPhase.Preparing or WriterPhase.Committing or WriterPhase.Done))
        {
            o.Send(m.From, MessageKind.Abort, new TahoePayload(body.Attempt));
            return s;
        }

        if (body.Attempt != s.Attempt)
        {
            return s;
        }

        var settings = Settings(c);
        var bit = settings.ServerBit(m.From);
        switch (s.Stage, m.Kind)
        {
            case (WriterPhase.Reading, MessageKind.ReadReply):
                var read = c.Protocol == ProtocolKind.TahoeMagicFolder
                    ? s.Base! with { Edits = s.Base!.Edits | EntriesIn(body, c.Self) }
                    : FileVersion.Newest(s.Base!, body.Version ?? FileVersion.Initial);
                s = s with { Base = read, Answered = s.Answered | bit };
                return s.Answered == settings.AllServers ? AfterRead(c, s, o) : s;

            case (WriterPhase.Writing, MessageKind.WriteAck or MessageKind.AppendAck):
                s = s with { Answered = s.Answered | bit };
                return s.Answered == settings.AllServers ? Finish(s, WriterPhase.Done, o) : s;

            case (WriterPhase.Preparing, MessageKind.VoteYes):
                s = s with { Answered = s.Answered | bit };
                if (s.Answered != settings.AllServers)
                {
                    return s;
                }

                // Every server is locked and staged: decide, and log the decision before telling
                // anyone, so a crash after this point still ends in commit.
                s = s with { Stage = WriterPhase.Committing, Answered = 0 };
                o.Checkpoint(s, $"commit {new TxnId(c.Names[c.Self], s.Attempt)}", forced: true);
                return Broadcast(c, s, o);

            case (WriterPhase.Preparing, MessageKind.VoteNo):
                // One no is enough: this try cannot be applied everywhere, so it is applied nowhere.
                s = s with { Stage = WriterPhase.Aborting, Answered = 0, Refusal = $"{c.Names[m.From]} said no: {body.Reason}" };
                o.Checkpoint(s, $"abort {new TxnId(c.Names[c.Self], s.Attempt)}", forced: false);
                return Broadcast(c, s, o);

            case (WriterPhase.Committing, MessageKind.Ack):
                s = s with { Answered = s.Answered | bit };
                return s.Answered == settings.AllServers ? Finish(s, WriterPhase.Done, o) : s;

            case (WriterPhase.Aborting, MessageKind.Ack):
                s = s with { Answered = s.Answered | bit };
                if (s.Answered != settings.AllServers)
                {
                    return s;
                }

                if (settings.Retry.Enabled && s.Retries < settings.Retry.Limit)
                {
                    s = s with { Stage = WriterPhase.Backoff, Answered = 0 };
                    o.Checkpoint(s, "back off", forced: false);
                    o.SetTimer(TimerKind.Backoff, settings.Retry.BackoffMin, settings.Retry.BackoffMax);
                    return s;
                }

                return Finish(s, WriterPhase.GaveUp, o);

            default:
                return s;
        }
    }

    protected override WriterState Timeout(NodeContext c, WriterState s, TimerKind timer, ulong suspected, Outbox o)
    {
        switch (timer)
        {
            case TimerKind.Start when s.Stage == WriterPhase.Waiting:
                return BeginAttempt(c, s, o);
            case TimerKind.Backoff when s.Stage == WriterPhase.Backoff:
                return BeginAttempt(c, s with { Retries = s.Retries + 1 }, o);
            case TimerKind.Resend when Waits(s.Stage):
                Send(c, s, o, s.Answered);
                o.SetTimer(TimerKind.Resend, Settings(c).ResendTicks);
                return s;
            default:
                return s;
        }
    }

    /// <summary>
    /// Rebuilds a writer from what it had persisted. A writer that crashed before its start tick
    /// comes back and starts at once: the start it missed is not waited for again.
    /// </summary>
    public override NodeState OnRecover(NodeContext c, Checkpoint? last, ulong suspected, Outbox o)
    {
        var s = (last?.State as WriterState ?? WriterState.Initial) with { Answered = 0 };
        switch (s.Stage)
        {
            case WriterPhase.Waiting:
                return BeginAttempt(c, s, o);
            case WriterPhase.Reading:
                return Broadcast(c, s with { Base = FileVersion.Initial }, o);
            case WriterPhase.Preparing:
                // Prepares may be out there, but no decision was logged: the only safe decision is abort.
                s = s with { Stage = WriterPhase.Aborting, Refusal = "the writer crashed before it could decide" };
                o.Checkpoint(s, $"abort {new TxnId(c.Names[c.Self], s.Attempt)}", forced: false);
                return Broadcast(c, s, o);
            case WriterPhase.Writing or WriterPhase.Committing or WriterPhase.Aborting:
                return Broadcast(c, s, o);
            case WriterPhase.Backoff:
                return BeginAttempt(c, s with { Retries = s.Retries + 1 }, o);
            default:
                if (c.Protocol == ProtocolKind.TahoeTwoPhase && s.Stage == WriterPhase.GaveUp)
                {
                    // A late prepare may have locked a server while this writer was down and its
                    // answer was lost; a last abort frees it.
                    var settings = Settings(c);
                    for (var server = settings.Writers; server < settings.Writers + settings.Servers; server++)
                    {
                        o.Send(server, MessageKind.Abort, new TahoePayload(s.Attempt));
                    }
                }

                return s;
        }
    }

    public override NodeState? Durable(NodeContext ctx, Checkpoint? last) => last?.State as WriterState ?? WriterState.Initial;

    public override void Narrate(NodeContext ctx, NodeState before, NodeState after, List<Note> notes)
    {
        var (b, a) = ((WriterState)before, (WriterState)after);
        if (b.Stage == a.Stage && b.Attempt == a.Attempt)
        {
            return;
        }

        var detail = a.Stage switch
        {
            WriterPhase.Reading => $" (try {a.Attempt})",
            WriterPhase.Writing or WriterPhase.Preparing or WriterPhase.Committing when a.Proposed is { } p => $" ({p.Label})",
            WriterPhase.Aborting or WriterPhase.GaveUp when a.Refusal is { } r => $" ({r})",
            _ => "",
        };
        notes.Add(new Note(TraceKind.Stage, (long)a.Stage, WriterPhases.Name(a.Stage) + detail));
    }

    internal static TahoeSettings Settings(NodeContext c) => c.Tahoe!;

    private static WriterState BeginAttempt(NodeContext c, WriterState s, Outbox o)
    {
        var next = s with { Stage = WriterPhase.Reading, Attempt = s.Attempt + 1, Base = FileVersion.Initial, Proposed = null, Entry = null, Answered = 0 };
        o.Checkpoint(next, $"begin {new TxnId(c.Names[c.Self], next.Attempt)}", forced: false);
        return Broadcast(c, next, o);
    }

    private static WriterState AfterRead(NodeContext c, WriterState s, Outbox o)
    {
        var name = c.Names[c.Self];
        switch (c.Protocol)
        {
            case ProtocolKind.TahoeMagicFolder:
                // Only this writer ever writes this log, so appending needs no lock and cannot collide.
                var entry = new LogEntry(name, c.Self, s.Base!.Edits & ~(1 << c.Self));
                s = s with { Stage = WriterPhase.Writing, Entry = entry, Answered = 0 };
                o.Checkpoint(s, $"append my edit to {name}'s log", forced: false);
                return Broadcast(c, s, o);
            case ProtocolKind.TahoeUncoordinated:
                s = s with { Stage = WriterPhase.Writing, Proposed = s.Base!.Next(name, c.Self), Answered = 0 };
                o.Checkpoint(s, $"write {s.Proposed.Label}", forced: false);
                return Broadcast(c, s, o);
            default:
                s = s with { Stage = WriterPhase.Preparing, Proposed = s.Base!.Next(name, c.Self), Answered = 0 };
                o.Checkpoint(s, $"prepare {s.Proposed.Label}", forced: false);
                return Broadcast(c, s, o);
        }
    }

    private static WriterState Finish(WriterState s, WriterPhase phase, Outbox o)
    {
        s = s with { Stage = phase, Answered = 0 };
        o.Checkpoint(s, phase == WriterPhase.Done ? "done" : "gave up", forced: false);
        return s;
    }

    /// <summary>Sends the phase's request to every server and arms the resend timer.</summary>
    private static WriterState Broadcast(NodeContext c, WriterState s, Outbox o)
    {
        Send(c, s, o, answered: 0);
        o.SetTimer(TimerKind.Resend, Settings(c).ResendTicks);
        return s;
    }

    private static void Send(NodeContext c, WriterState s, Outbox o, int answered)
    {
        var (kind, body) = Request(c, s);
        var settings = Settings(c);
        for (var server = settings.Writers; server < settings.Writers + settings.Servers; server++)
        {
            if ((answered & settings.ServerBit(server)) == 0)
            {
                o.Send(server, kind, body);
            }
        }
    }

    private static (MessageKind Kind, TahoePayload Body) Request(NodeContext c, WriterState s) => s.Stage switch
    {
        WriterPhase.Reading => (MessageKind.Read, new TahoePayload(s.Attempt)),
        WriterPhase.Writing when c.Protocol == ProtocolKind.TahoeMagicFolder => (MessageKind.Append, new TahoePayload(s.Attempt, Entry: s.Entry)),
        WriterPhase.Writing => (MessageKind.Write, new TahoePayload(s.Attempt, s.Proposed)),
        WriterPhase.Preparing => (MessageKind.Prepare, new TahoePayload(s.Attempt, s.Proposed)),
        WriterPhase.Committing => (MessageKind.Commit, new TahoePayload(s.Attempt, s.Proposed)),
        _ => (MessageKind.Abort, new TahoePayload(s.Attempt)),
    };

    private static bool Waits(WriterPhase phase) =>
        phase is WriterPhase.Reading or WriterPhase.Writing or WriterPhase.Preparing or WriterPhase.Committing or WriterPhase.Aborting;

    /// <summary>A bit per writer whose log entry a read-reply carries, leaving out this writer's own.</summary>
    private static int EntriesIn(TahoePayload m, int self)
    {
        var mask = 0;
        foreach (var entry in m.Logs)
        {
            if (entry is { } e && e.WriterIndex != self)
            {
                mask |= 1 << e.WriterIndex;
            }
        }

        return mask;
    }
}
