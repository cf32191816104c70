using CommitLab.Engine.Protocols;
namespace CommitLab.Engine.Tahoe;

/// <summary>When a Tahoe fault happens: at a tick, or the first time a node sends a kind of message.</summary>
public abstract record TahoeFaultTiming
{
    private TahoeFaultTiming()
    {
    }

    public sealed record AtTick(long Tick) : TahoeFaultTiming;

    /// <summary><c>"W1 sends prepare to S2"</c>: just after the message is handed to the network; <see cref="To"/> null: to anyone.</summary>
    public sealed record OnSend(string From, MessageKind Message, string? To) : TahoeFaultTiming
    {
        /// <summary>The trigger as a file's <c>when:</c> spells it, which <see cref="Faults.FaultText.TryParseTrigger(string, out Faults.Trigger?, out string)"/> reads back.</summary>
        public string TriggerText() => $"{From} sends {Names.Of(Message)}{(To is null ? "" : " to " + To)}";
    }

    public string ToText() => this switch
    {
        AtTick a => $"at {a.Tick}",
        OnSend s => $"when \"{s.TriggerText()}\"",
        _ => "",
    };
}

/// <summary>One entry of a Tahoe fault schedule; <see cref="Line"/> is where a file wrote it (0: not from a file).</summary>
public sealed record TahoeFault(TahoeFaultTiming When, TahoeFaultAction Do, int Line = 0)
{
    /// <summary>The same fault in the simulator's one fault vocabulary.</summary>
    public Faults.ScheduledFault ToScheduled() => new(
        When switch
        {
            TahoeFaultTiming.AtTick at => new Faults.FaultTiming.AtTick(at.Tick),
            TahoeFaultTiming.OnSend on => new Faults.FaultTiming.OnTrigger(new Faults.Trigger(Faults.TriggerKind.Sends, on.From, Message: on.Message, Peer: on.To)),
            _ => throw new InvalidOperationException($"unknown timing {When}"),
        },
        Do.ToAction(),
        Line);

    /// <summary>The Tahoe view of a scheduled fault; null when it is not one a Tahoe run takes.</summary>
    public static TahoeFault? From(Faults.ScheduledFault fault)
    {
        TahoeFaultTiming? when = fault.When switch
        {
            Faults.FaultTiming.AtTick at => new TahoeFaultTiming.AtTick(at.Tick),
            Faults.FaultTiming.OnTrigger { Trigger: { Kind: Faults.TriggerKind.Sends, Message: { } message } t } => new TahoeFaultTiming.OnSend(t.Node, message, t.Peer),
            _ => null,
        };
        TahoeFaultAction? action = fault.Do switch
        {
            Faults.FaultAction.Crash c => new TahoeFaultAction.Crash(c.Node),
            Faults.FaultAction.Recover r => new TahoeFaultAction.Recover(r.Node),
            Faults.FaultAction.Cut c => new TahoeFaultAction.Cut(c.From, c.To, c.BothWays),
            Faults.FaultAction.Heal h => new TahoeFaultAction.Heal(h.From, h.To, h.BothWays),
            Faults.FaultAction.HealAll => new TahoeFaultAction.HealAll(),
            Faults.FaultAction.Drop { MessageId: null } => new TahoeFaultAction.Drop(),
            _ => null,
        };
        return when is null || action is null ? null : new TahoeFault(when, action, fault.Line);
    }

    public override string ToString() => $"{When.ToText()}: {Do.ToText()}";
}
