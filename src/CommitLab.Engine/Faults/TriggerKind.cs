namespace CommitLab.Engine.Faults;

/// <summary>What kind of protocol event a trigger waits for.</summary>
public enum TriggerKind
{
    /// <summary><c>&lt;node&gt; logs &lt;record&gt;</c>: when the record becomes durable.</summary>
    Logs,

    /// <summary><c>&lt;node&gt; sends &lt;message&gt; [to &lt;node&gt;]</c>: after the message is handed to the network.</summary>
    Sends,

    /// <summary><c>&lt;node&gt; receives &lt;message&gt; [from &lt;node&gt;]</c>: when it arrives, before the node acts on it.</summary>
    Receives,

    /// <summary><c>&lt;node&gt; enters &lt;state&gt;</c>.</summary>
    Enters,
}
