namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A storage server (S1..Sn) holding one share of the mutable file. What it does with an update depends
/// on the message: a plain write is applied as it arrives (uncoordinated); a prepare locks and stages
/// (2PC); an append adds to the sender's own log (magic folder).
/// </summary>
public static class TahoeServer
{
    public static ServerState OnMessage(TahoeContext c, ServerState s, int from, TahoeMessage m, TahoeOutbox o)
    {
        var writer = c.Names[from];
        var txn = new TxnId(writer, m.Attempt);
        switch (m.Kind)
        {
            case TahoeMessageKind.Read:
                o.Send(from, new TahoeMessage(TahoeMessageKind.ReadReply, m.Attempt, c.Mode == TahoeMode.MagicFolder ? null : s.Current) { Logs = c.Mode == TahoeMode.MagicFolder ? s.Logs : [] });
                return s;

            case TahoeMessageKind.Write:
                // No test, no lock: whatever arrives last wins. This is the collision the lesson is about.
                if (s.Current != m.Version)
                {
                    s = s with { Current = m.Version! };
                    o.Persist($"store {m.Version!.Label}", forced: true);
                }

                o.Send(from, new TahoeMessage(TahoeMessageKind.WriteAck, m.Attempt, m.Version));
                return s;

            case TahoeMessageKind.Append:
                var index = m.Entry!.WriterIndex;
                if (s.Logs[index] != m.Entry)
                {
                    s = s with { Logs = s.Logs.SetItem(index, m.Entry) };
                    o.Persist($"append to {writer}'s log", forced: true);
                }

                o.Send(from, new TahoeMessage(TahoeMessageKind.AppendAck, m.Attempt));
                return s;

            case TahoeMessageKind.Prepare:
                return Prepare(s, txn, m, o, from);

            case TahoeMessageKind.Commit:
                if (s.Lock == txn)
                {
                    s = s with { Current = s.Staged!, Lock = null, Staged = null };
                    o.Persist($"commit {txn}: install {s.Current.Label}", forced: true);
                }

                o.Send(from, new TahoeMessage(TahoeMessageKind.Ack, m.Attempt));
                return s;

            case TahoeMessageKind.Abort:
                if (s.Lock == txn)
                {
                    s = s with { Lock = null, Staged = null };
                    o.Persist($"abort {txn}: drop the staged share", forced: false);
                }

                o.Send(from, new TahoeMessage(TahoeMessageKind.Ack, m.Attempt));
                return s;

            default:
                return s;
        }
    }

    private static ServerState Prepare(ServerState s, TxnId txn, TahoeMessage m, TahoeOutbox o, int from)
    {
        if (s.Lock == txn)
        {
            // A resent prepare: the vote stands.
            o.Send(from, new TahoeMessage(TahoeMessageKind.VoteYes, m.Attempt));
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
            o.Send(from, new TahoeMessage(TahoeMessageKind.VoteNo, m.Attempt, Reason: refusal));
            return s;
        }

        // Lock and stage, durably, before saying yes: a yes is a promise that survives a crash.
        s = s with { Lock = txn, Staged = version };
        o.Persist($"prepared for {txn}: staged {version.Label}", forced: true);
        o.Send(from, new TahoeMessage(TahoeMessageKind.VoteYes, m.Attempt));
        return s;
    }
}
