namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A writer (W1..Wn): reads the file, then writes its update the way the run's mode says. In 2PC it is
/// the coordinator of its own update: there is no coordination service, which is what "end-to-end"
/// means in the proposal. Handlers return the next state and write effects; they never touch the world.
/// </summary>
public static class TahoeWriter
{
    public static WriterState OnStart(TahoeContext c, WriterState s, TahoeOutbox o) =>
        s.Phase == WriterPhase.Waiting ? BeginAttempt(c, s, o) : s;

    public static WriterState OnMessage(TahoeContext c, WriterState s, int from, TahoeMessage m, TahoeOutbox o)
    {
        // A yes for a try that will never commit (refused already, or an older try whose prepare
        // arrived late) leaves that server locked for nobody: tell it to let go at once.
        if (m.Kind == TahoeMessageKind.VoteYes && !(m.Attempt == s.Attempt && s.Phase is WriterPhase.Preparing or WriterPhase.Committing or WriterPhase.Done))
        {
            o.Send(from, new TahoeMessage(TahoeMessageKind.Abort, m.Attempt));
            return s;
        }

        if (m.Attempt != s.Attempt)
        {
            return s;
        }

        var bit = c.ServerBit(from);
        switch (s.Phase, m.Kind)
        {
            case (WriterPhase.Reading, TahoeMessageKind.ReadReply):
                var read = c.Mode == TahoeMode.MagicFolder
                    ? s.Base! with { Edits = s.Base!.Edits | EntriesIn(m, c.WriterIndex) }
                    : FileVersion.Newest(s.Base!, m.Version ?? FileVersion.Initial);
                s = s with { Base = read, Answered = s.Answered | bit };
                return s.Answered == c.AllServers ? AfterRead(c, s, o) : s;

            case (WriterPhase.Writing, TahoeMessageKind.WriteAck or TahoeMessageKind.AppendAck):
                s = s with { Answered = s.Answered | bit };
                return s.Answered == c.AllServers ? Finish(s, WriterPhase.Done, o) : s;

            case (WriterPhase.Preparing, TahoeMessageKind.VoteYes):
                s = s with { Answered = s.Answered | bit };
                if (s.Answered != c.AllServers)
                {
                    return s;
                }

                // Every server is locked and staged: decide, and log the decision before telling
                // anyone, so a crash after this point still ends in commit.
                s = s with { Phase = WriterPhase.Committing, Answered = 0 };
                o.Persist($"commit {new TxnId(c.Name, s.Attempt)}", forced: true);
                return Broadcast(c, s, o);

            case (WriterPhase.Preparing, TahoeMessageKind.VoteNo):
                // One no is enough: this try cannot be applied everywhere, so it is applied nowhere.
                s = s with { Phase = WriterPhase.Aborting, Answered = 0, Refusal = $"{c.Names[from]} said no: {m.Reason}" };
                o.Persist($"abort {new TxnId(c.Name, s.Attempt)}", forced: false);
                return Broadcast(c, s, o);

            case (WriterPhase.Committing, TahoeMessageKind.Ack):
                s = s with { Answered = s.Answered | bit };
                return s.Answered == c.AllServers ? Finish(s, WriterPhase.Done, o) : s;

            case (WriterPhase.Aborting, TahoeMessageKind.Ack):
                s = s with { Answered = s.Answered | bit };
                if (s.Answered != c.AllServers)
                {
                    return s;
                }

                if (c.Retry.Enabled && s.Retries < c.Retry.Limit)
                {
                    s = s with { Phase = WriterPhase.Backoff, Answered = 0 };
                    o.Persist("back off", forced: false);
                    o.SetTimer(TahoeTimer.Backoff, c.Retry.BackoffMin, c.Retry.BackoffMax);
                    return s;
                }

                return Finish(s, WriterPhase.GaveUp, o);

            default:
                return s;
        }
    }

    public static WriterState OnTimer(TahoeContext c, WriterState s, TahoeTimer timer, TahoeOutbox o)
    {
        if (timer == TahoeTimer.Backoff && s.Phase == WriterPhase.Backoff)
        {
            return BeginAttempt(c, s with { Retries = s.Retries + 1 }, o);
        }

        if (timer == TahoeTimer.Resend && Waits(s.Phase))
        {
            Send(c, s, o, s.Answered);
            o.SetTimer(TahoeTimer.Resend, c.ResendTicks);
        }

        return s;
    }

    /// <summary>Rebuilds a writer from what it had persisted; <paramref name="started"/> says whether its start tick has passed.</summary>
    public static WriterState OnRecover(TahoeContext c, WriterState durable, bool started, TahoeOutbox o)
    {
        var s = durable with { Answered = 0 };
        switch (s.Phase)
        {
            case WriterPhase.Waiting:
                return started ? BeginAttempt(c, s, o) : s;
            case WriterPhase.Reading:
                return Broadcast(c, s with { Base = FileVersion.Initial }, o);
            case WriterPhase.Preparing:
                // Prepares may be out there, but no decision was logged: the only safe decision is abort.
                s = s with { Phase = WriterPhase.Aborting, Refusal = "the writer crashed before it could decide" };
                o.Persist($"abort {new TxnId(c.Name, s.Attempt)}", forced: false);
                return Broadcast(c, s, o);
            case WriterPhase.Writing or WriterPhase.Committing or WriterPhase.Aborting:
                return Broadcast(c, s, o);
            case WriterPhase.Backoff:
                return BeginAttempt(c, s with { Retries = s.Retries + 1 }, o);
            default:
                if (c.Mode == TahoeMode.TwoPhase && s.Phase == WriterPhase.GaveUp)
                {
                    // A late prepare may have locked a server while this writer was down and its
                    // answer was lost; a last abort frees it.
                    foreach (var server in c.Servers)
                    {
                        o.Send(server, new TahoeMessage(TahoeMessageKind.Abort, s.Attempt));
                    }
                }

                return s;
        }
    }

    private static WriterState BeginAttempt(TahoeContext c, WriterState s, TahoeOutbox o)
    {
        var next = s with { Phase = WriterPhase.Reading, Attempt = s.Attempt + 1, Base = FileVersion.Initial, Proposed = null, Entry = null, Answered = 0 };
        o.Persist($"begin {new TxnId(c.Name, next.Attempt)}", forced: false);
        return Broadcast(c, next, o);
    }

    private static WriterState AfterRead(TahoeContext c, WriterState s, TahoeOutbox o)
    {
        switch (c.Mode)
        {
            case TahoeMode.MagicFolder:
                // Only this writer ever writes this log, so appending needs no lock and cannot collide.
                var entry = new LogEntry(c.Name, c.WriterIndex, s.Base!.Edits & ~(1 << c.WriterIndex));
                s = s with { Phase = WriterPhase.Writing, Entry = entry, Answered = 0 };
                o.Persist($"append my edit to {c.Name}'s log", forced: false);
                return Broadcast(c, s, o);
            case TahoeMode.Uncoordinated:
                s = s with { Phase = WriterPhase.Writing, Proposed = s.Base!.Next(c.Name, c.WriterIndex), Answered = 0 };
                o.Persist($"write {s.Proposed.Label}", forced: false);
                return Broadcast(c, s, o);
            default:
                s = s with { Phase = WriterPhase.Preparing, Proposed = s.Base!.Next(c.Name, c.WriterIndex), Answered = 0 };
                o.Persist($"prepare {s.Proposed.Label}", forced: false);
                return Broadcast(c, s, o);
        }
    }

    private static WriterState Finish(WriterState s, WriterPhase phase, TahoeOutbox o)
    {
        s = s with { Phase = phase, Answered = 0 };
        o.Persist(phase == WriterPhase.Done ? "done" : "gave up", forced: false);
        return s;
    }

    /// <summary>Sends the phase's request to every server and arms the resend timer.</summary>
    private static WriterState Broadcast(TahoeContext c, WriterState s, TahoeOutbox o)
    {
        Send(c, s, o, answered: 0);
        o.SetTimer(TahoeTimer.Resend, c.ResendTicks);
        return s;
    }

    private static void Send(TahoeContext c, WriterState s, TahoeOutbox o, int answered)
    {
        var request = Request(c, s);
        foreach (var server in c.Servers)
        {
            if ((answered & c.ServerBit(server)) == 0)
            {
                o.Send(server, request);
            }
        }
    }

    private static TahoeMessage Request(TahoeContext c, WriterState s) => s.Phase switch
    {
        WriterPhase.Reading => new TahoeMessage(TahoeMessageKind.Read, s.Attempt),
        WriterPhase.Writing when c.Mode == TahoeMode.MagicFolder => new TahoeMessage(TahoeMessageKind.Append, s.Attempt, Entry: s.Entry),
        WriterPhase.Writing => new TahoeMessage(TahoeMessageKind.Write, s.Attempt, s.Proposed),
        WriterPhase.Preparing => new TahoeMessage(TahoeMessageKind.Prepare, s.Attempt, s.Proposed),
        WriterPhase.Committing => new TahoeMessage(TahoeMessageKind.Commit, s.Attempt, s.Proposed),
        _ => new TahoeMessage(TahoeMessageKind.Abort, s.Attempt),
    };

    private static bool Waits(WriterPhase phase) =>
        phase is WriterPhase.Reading or WriterPhase.Writing or WriterPhase.Preparing or WriterPhase.Committing or WriterPhase.Aborting;

    /// <summary>A bit per writer whose log entry a read-reply carries, leaving out this writer's own.</summary>
    private static int EntriesIn(TahoeMessage m, int self)
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
