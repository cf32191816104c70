using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// The magic-folder reader (R): every so often it reads every writer's log from every server and merges
/// them into the folder its user sees. It writes nothing, so it has nothing to persist: after a crash
/// it starts over and reads again.
/// </summary>
public sealed class TahoeReader : ProtocolRole<ReaderState>
{
    public static readonly TahoeReader Instance = new();

    public override string Name => "reader";

    public override bool Checkpoints => true;

    public override bool Narrates => true;

    public override NodeState Start(NodeContext ctx, Outbox outbox)
    {
        outbox.SetTimer(TimerKind.Poll, ctx.Tahoe!.PollTicks);
        return ReaderState.Initial(ctx.Tahoe.Writers);
    }

    protected override ReaderState Timeout(NodeContext c, ReaderState s, TimerKind timer, ulong suspected, Outbox o)
    {
        if (timer != TimerKind.Poll)
        {
            return s;
        }

        var settings = c.Tahoe!;
        s = s with { Polls = s.Polls + 1 };
        for (var server = settings.Writers; server < settings.Writers + settings.Servers; server++)
        {
            o.Send(server, MessageKind.Read, new TahoePayload(s.Polls));
        }

        o.SetTimer(TimerKind.Poll, settings.PollTicks);
        return s;
    }

    protected override ReaderState Handle(NodeContext c, ReaderState s, in Message m, ulong suspected, Outbox o)
    {
        if (m.Kind != MessageKind.ReadReply)
        {
            return s;
        }

        var logs = ((TahoePayload)m.Body!).Logs;
        var known = s.Known;
        for (var i = 0; i < logs.Length && i < known.Length; i++)
        {
            if (logs[i] is { } entry && known[i] is null)
            {
                known = known.SetItem(i, entry);
            }
        }

        return known == s.Known ? s : s with { Known = known };
    }

    public override NodeState OnRecover(NodeContext ctx, Checkpoint? last, ulong suspected, Outbox outbox) => Start(ctx, outbox);

    public override NodeState? Durable(NodeContext ctx, Checkpoint? last) => ReaderState.Initial(ctx.Tahoe!.Writers);

    public override void Narrate(NodeContext ctx, NodeState before, NodeState after, List<Note> notes)
    {
        var (b, a) = ((ReaderState)before, (ReaderState)after);
        if (b.Known.SequenceEqual(a.Known))
        {
            return;
        }

        var merged = MagicFolderMerge.Merge(a.Known);
        var edits = string.Join(" and ", a.Known.Where(e => e is not null).Select(e => e!.Writer + "'s edit"));
        var conflicts = merged.Conflicts.Length == 0 ? "" : $"; conflict: {string.Join("; ", merged.Conflicts)}";
        notes.Add(new Note(TraceKind.Merge, 0, $"notes.txt with {edits}{conflicts}"));
    }
}
