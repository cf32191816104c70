using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Builder;

/// <summary>When a drafted fault fires: at a tick, or on one of the scenario format's triggers.</summary>
public enum FaultWhen
{
    AtTick,
    Logs,
    Enters,
    Sends,
    Receives,
}

/// <summary>What a drafted fault does (the scenario format's closed set, less partitions).</summary>
public enum FaultDo
{
    Crash,
    Recover,
    Freeze,
    Cut,
    Heal,
    Drop,
    Delay,
}

/// <summary>
/// One fault as the builder's form edits it: plain fields a select or a number box can bind to. It
/// becomes the engine's own <see cref="ScheduledFault"/> (trigger and action types), so the builder
/// writes exactly what the scenario parser reads and never a second fault language.
/// </summary>
public sealed class FaultDraft
{
    public FaultWhen When { get; set; } = FaultWhen.Logs;

    public long Tick { get; set; } = 100;

    /// <summary>The node whose event triggers the fault.</summary>
    public string TriggerNode { get; set; } = "L";

    public LogRecordKind Record { get; set; } = LogRecordKind.Commit;

    public Phase State { get; set; } = Phase.Uncertain;

    public MessageKind Message { get; set; } = MessageKind.Commit;

    public FaultDo Do { get; set; } = FaultDo.Crash;

    /// <summary>The node the action hits (crash, recover, freeze) or the first end of the link (cut, heal).</summary>
    public string Target { get; set; } = "L";

    /// <summary>The other end of the link for cut and heal.</summary>
    public string Peer { get; set; } = "P1";

    /// <summary>Ticks to freeze a node or delay a message.</summary>
    public int Ticks { get; set; } = 100;

    /// <summary>Drop and delay act on the very message a "sends" trigger saw, so they need one.</summary>
    public bool NeedsMessageTrigger => Do is FaultDo.Drop or FaultDo.Delay;

    public bool NeedsPeer => Do is FaultDo.Cut or FaultDo.Heal;

    public ScheduledFault ToScheduledFault()
    {
        FaultTiming timing = When switch
        {
            FaultWhen.AtTick => new FaultTiming.AtTick(Tick),
            FaultWhen.Logs => new FaultTiming.OnTrigger(new Trigger(TriggerKind.Logs, TriggerNode, Record: Record)),
            FaultWhen.Enters => new FaultTiming.OnTrigger(new Trigger(TriggerKind.Enters, TriggerNode, State: State)),
            FaultWhen.Sends => new FaultTiming.OnTrigger(new Trigger(TriggerKind.Sends, TriggerNode, Message: Message)),
            FaultWhen.Receives => new FaultTiming.OnTrigger(new Trigger(TriggerKind.Receives, TriggerNode, Message: Message)),
            _ => throw new InvalidOperationException($"Unknown fault timing {When}."),
        };
        FaultAction action = Do switch
        {
            FaultDo.Crash => new FaultAction.Crash(Target),
            FaultDo.Recover => new FaultAction.Recover(Target),
            FaultDo.Freeze => new FaultAction.Freeze(Target, Ticks),
            FaultDo.Cut => new FaultAction.Cut(Target, Peer, BothWays: true),
            FaultDo.Heal => new FaultAction.Heal(Target, Peer, BothWays: true),
            FaultDo.Drop => new FaultAction.Drop(),
            FaultDo.Delay => new FaultAction.Delay(Ticks),
            _ => throw new InvalidOperationException($"Unknown fault action {Do}."),
        };
        return new ScheduledFault(timing, action);
    }

    /// <summary>The fault as a scenario file would say it, for the list beside the diagram.</summary>
    public string Describe()
    {
        var fault = ToScheduledFault();
        var when = fault.When switch
        {
            FaultTiming.AtTick at => $"at {at.Tick} ms",
            FaultTiming.OnTrigger on => $"when {on.Trigger.ToText()}",
            _ => "",
        };
        return $"{when}: {fault.Do.ToText()}";
    }
}
