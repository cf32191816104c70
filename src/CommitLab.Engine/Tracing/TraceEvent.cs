using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Tracing;

/// <summary>
/// One entry of the trace. A flat struct so a run can record millions cheaply; which fields matter
/// depends on <see cref="Kind"/>. Nodes are indices into <see cref="Trace.NodeNames"/> (-1: none).
/// </summary>
/// <param name="Index">Position in the trace.</param>
/// <param name="Tick">Virtual time (1 tick reads as 1 ms).</param>
/// <param name="Step">How many simulator events had been processed when this happened.</param>
/// <param name="Value">Kind-specific number: arrival tick of a send or delay, freeze length, delay length.</param>
/// <param name="Text">Kind-specific text: a fault's description, a violation's explanation, a lock's resource.</param>
/// <param name="Slot">Paxos Commit messages: instance, ballot and accepted ballot (zero for every other message).</param>
public readonly record struct TraceEvent(
    int Index,
    long Tick,
    long Step,
    TraceKind Kind,
    int Node = -1,
    int Peer = -1,
    long MessageId = 0,
    MessageKind Message = MessageKind.Prepare,
    Outcome Decision = Outcome.None,
    Phase State = Phase.Working,
    LogRecordKind Record = LogRecordKind.Prepared,
    bool Forced = false,
    TimerKind Timer = TimerKind.Vote,
    DropReason Reason = DropReason.None,
    long Value = 0,
    string? Text = null,
    PaxosSlot Slot = default);
