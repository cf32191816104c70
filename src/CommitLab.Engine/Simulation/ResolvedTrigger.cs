using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Simulation;

/// <summary>A trigger with its node names turned into indices, plus whether it has fired (each fires once).</summary>
internal sealed class ResolvedTrigger(ScheduledFault fault, int node, int peer)
{
    public ScheduledFault Fault { get; } = fault;

    public Trigger Trigger => ((FaultTiming.OnTrigger)Fault.When).Trigger;

    public int Node { get; } = node;

    /// <summary>-1 when the trigger names no peer.</summary>
    public int Peer { get; } = peer;

    public bool Fired { get; set; }

    public bool Matches(TriggerKind kind, int node, int peer, MessageKind message, LogRecordKind record, Phase state)
    {
        var t = Trigger;
        if (Fired || t.Kind != kind || Node != node || (Peer >= 0 && Peer != peer))
        {
            return false;
        }

        return kind switch
        {
            TriggerKind.Logs => t.Record == record,
            TriggerKind.Sends or TriggerKind.Receives => t.Message == message,
            TriggerKind.Enters => t.State == state,
            _ => false,
        };
    }
}
