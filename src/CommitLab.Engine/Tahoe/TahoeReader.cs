namespace CommitLab.Engine.Tahoe;

/// <summary>
/// The magic-folder reader (R): every so often it reads every writer's log from every server and merges
/// them into the folder its user sees. It writes nothing, so it has nothing to persist.
/// </summary>
public static class TahoeReader
{
    public static ReaderState OnStart(TahoeContext c, ReaderState s, TahoeOutbox o)
    {
        o.SetTimer(TahoeTimer.Poll, c.PollTicks);
        return s;
    }

    public static ReaderState OnTimer(TahoeContext c, ReaderState s, TahoeTimer timer, TahoeOutbox o)
    {
        if (timer != TahoeTimer.Poll)
        {
            return s;
        }

        s = s with { Polls = s.Polls + 1 };
        foreach (var server in c.Servers)
        {
            o.Send(server, new TahoeMessage(TahoeMessageKind.Read, s.Polls));
        }

        o.SetTimer(TahoeTimer.Poll, c.PollTicks);
        return s;
    }

    public static ReaderState OnMessage(ReaderState s, TahoeMessage m)
    {
        if (m.Kind != TahoeMessageKind.ReadReply)
        {
            return s;
        }

        var known = s.Known;
        for (var i = 0; i < m.Logs.Length && i < known.Length; i++)
        {
            if (m.Logs[i] is { } entry && known[i] is null)
            {
                known = known.SetItem(i, entry);
            }
        }

        return known == s.Known ? s : s with { Known = known };
    }

    /// <summary>The reader keeps nothing on disk: it starts over and reads again.</summary>
    public static ReaderState OnRecover(TahoeContext c, int writers, TahoeOutbox o) => OnStart(c, ReaderState.Initial(writers), o);
}
