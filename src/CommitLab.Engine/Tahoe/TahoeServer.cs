using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A storage server (S1..Sn) holding one share of the mutable file. What it does with an update depends
/// on the message: a plain write is applied as it arrives (uncoordinated); a prepare locks and stages
/// (2PC); an append adds to the sender's own log (magic folder).
/// </summary>
public sealed class TahoeServer : ProtocolRole<ServerState>
{
    public static readonly TahoeServer Instance = new();

    public override string Name => "storage server";

    public override bool Checkpoints => true;

    public override bool Narrates => true;

    public override System.Collections.Immutable.ImmutableArray<string> Aspects => TahoeWriter.TableAspects;

    /// <summary>The version the server holds (in the magic folder, whose logs), and its lock and staged share.</summary>
    public override NodeDescription? Describe(NodeContext ctx, NodeState state)
    {
        var s = (ServerState)state;
        var holds = ctx.Protocol == ProtocolKind.TahoeMagicFolder
            ? s.Logs.All(e => e is null) ? "no edits" : "logs: " + string.Join("+", s.Logs.Where(e => e is not null).Select(e => e!.Writer))
            : s.Current.Label;
        var lockText = s.Lock is { } l ? $"locked for {l}" + (s.Staged is { } st ? $", staged {st.Label}" : "") : "";
        return new NodeDescription(["server", holds, lockText], s.Lock is { } held ? $"locked for {held}" : "holds " + holds);
    }

    public override NodeState Start(NodeContext ctx, Outbox outbox) => ServerState.Initial(ctx.Tahoe!.Writers);

    protected override ServerState Handle(NodeContext c, ServerState s, in Message m, ulong suspected, Outbox o)
    {
        var body = (TahoePayload)m.Body!;
        var from = m.From;
        var writer = c.Names[from];
        var txn = new TxnId(writer, body.Attempt);
        var magicFolder = c.Protocol == ProtocolKind.TahoeMagicFolder;
        switch (m.Kind)
        {
            case MessageKind.Read:
                o.Send(from, MessageKind.ReadReply, new TahoePayload(body.Attempt, magicFolder ? null : s.Current) { Logs = magicFolder ? s.Logs : [] });
                return s;

            case MessageKind.Write:
                // No test, no lock: whatever arrives last wins. This is the collision the lesson is about.
                if (s.Current != body.Version)
                {
                    s = s with { Current = body.Version! };
                    o.Checkpoint(s, $"store {body.Version!.Label}", forced: true);
                }

                o.Send(from, MessageKind.WriteAck, new TahoePayload(body.Attempt, body.Version));
                return s;

            case MessageKind.Append:
                var index = body.Entry!.WriterIndex;
                if (s.Logs[index] != body.Entry)
                {
                    s = s with { Logs = s.Logs.SetItem(index, body.Entry) };
                    o.Checkpoint(s, $"append to {writer}'s log", forced: true);
                }

                o.Send(from, MessageKind.AppendAck, new TahoePayload(body.Attempt));
                return s;

            case MessageKind.Prepare:
                return Prepare(s, txn, body, o, from);

            case MessageKind.Commit:
                if (s.Lock == txn)
                {
                    s = s with { Current = s.Staged!, Lock = null, Staged = null };
                    o.Checkpoint(s, $"commit {txn}: install {s.Current.Label}", forced: true);
                }

                o.Send(from, MessageKind.Ack, new TahoePayload(body.Attempt));
                return s;

            case MessageKind.Abort:
                if (s.Lock == txn)
                {
                    s = s with { Lock = null, Staged = null };
                    o.Checkpoint(s, $"abort {txn}: drop the staged share", forced: false);
                }

                o.Send(from, MessageKind.Ack, new TahoePayload(body.Attempt));
                return s;

            default:
                return s;
        }
    }

    /// <summary>A server sets no timers: it only answers.</summary>
    protected override ServerState Timeout(NodeContext ctx, ServerState state, TimerKind timer, ulong suspected, Outbox outbox) => state;

    /// <summary>A server comes back with exactly what it had made durable: version, lock and staged share, or logs.</summary>
    public override NodeState OnRecover(NodeContext ctx, Checkpoint? last, ulong suspected, Outbox outbox) => Durable(ctx, last)!;

    public override NodeState? Durable(NodeContext ctx, Checkpoint? last) => last?.State as ServerState ?? ServerState.Initial(ctx.Tahoe!.Writers);

    public override void Narrate(NodeContext ctx, NodeState before, NodeState after, List<Note> notes)
    {
        var (b, a) = ((ServerState)before, (ServerState)after);
        if (b.Lock != a.Lock && b.Lock is { } released)
        {
            notes.Add(new Note(TraceKind.LockReleased, 0, a.Current != b.Current ? $"the file ({released} committed)" : $"the file ({released} let go)"));
        }

        if (b.Current != a.Current)
        {
            notes.Add(new Note(TraceKind.Install, a.Current.Pack(), a.Current.Label));
        }

        if (b.Lock != a.Lock && a.Lock is { } taken)
        {
            notes.Add(new Note(TraceKind.LockAcquired, 0, $"the file for {taken}, staging {a.Staged?.Label}"));
        }

        for (var w = 0; w < a.Logs.Length; w++)
        {
            if (a.Logs[w] != b.Logs[w] && a.Logs[w] is { } entry)
            {
                notes.Add(new Note(TraceKind.Store, w, $"{entry.Writer}'s edit in {entry.Writer}'s log"));
            }
        }
    }

    private static ServerState Prepare(ServerState s, TxnId txn, TahoePayload m, Outbox o, int from)
    {
        if (s.Lock == txn)
        {
            // A resent prepare: the vote stands.
            o.Send(from, MessageKind.VoteYes, new TahoePayload(m.Attempt));
            return s;
        }

        // A writer starts a new try only after its older one was aborted, so a lock held for that
        // older try is a leftover (a late prepare) and can go.
        if (s.Lock is { } held && held.Writer == txn.Writer && held.Attempt < txn.Attempt)
        {
            s = s with { Lock = null, Staged = null };
        }

        // A version no newer than the one installed was built on a stale read: applying it would
        // throw away whatever was installed since, which is exactly the lost update.
        var version = m.Version!;
        var refusal = s.Lock is { } other
            ? $"locked for {other}"
            : version.Seq <= s.Current.Seq
                ? $"it already holds {s.Current.Label}"
                : null;
        if (refusal is not null)
        {
            o.Send(from, MessageKind.VoteNo, new TahoePayload(m.Attempt, Reason: refusal));
            return s;
        }

        // Lock and stage, durably, before saying yes: a yes is a promise that survives a crash.
        s = s with { Lock = txn, Staged = version };
        o.Checkpoint(s, $"prepared for {txn}: staged {version.Label}", forced: true);
        o.Send(from, MessageKind.VoteYes, new TahoePayload(m.Attempt));
        return s;
    }
}
