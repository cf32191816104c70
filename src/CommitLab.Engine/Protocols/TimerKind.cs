namespace CommitLab.Engine.Protocols;

/// <summary>The timers a node can run. Setting one again restarts it.</summary>
public enum TimerKind : byte
{
    /// <summary>Coordinator: stop waiting for votes and abort.</summary>
    Vote,

    /// <summary>Send unanswered requests again (prepare, pre-commit, decision, state-req).</summary>
    Resend,

    /// <summary>Participant: waited long enough for the outcome; ask for it.</summary>
    Decision,

    /// <summary>Participant: waited long enough for PREPARE; abort on its own (it has not voted, so it may).</summary>
    Prepare,

    /// <summary>Tahoe writer: its start tick has come; it begins its update.</summary>
    Start,

    /// <summary>Tahoe 2PC writer: refused, it waited a random while and tries again.</summary>
    Backoff,

    /// <summary>Tahoe magic-folder reader: read every server's logs again.</summary>
    Poll,

    /// <summary>Two generals: lunchtime, when Sam and Jill each pick where to eat with what they know.</summary>
    Noon,
}
