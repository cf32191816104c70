using System.Collections.Frozen;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// What 2PC and 3PC can fire a trigger on: the messages each sends, the records each logs, the states
/// each enters. A trigger outside a protocol's vocabulary never fires on that side, so a comparison
/// says so instead of running a fault that silently does nothing.
/// </summary>
public static class ProtocolVocabulary
{
    private static readonly FrozenSet<MessageKind> TwoPhaseSends = new[]
    {
        MessageKind.Prepare, MessageKind.VoteYes, MessageKind.VoteNo, MessageKind.VoteReadOnly, MessageKind.Commit,
        MessageKind.Abort, MessageKind.Ack, MessageKind.DecisionReq, MessageKind.Decision,
    }.ToFrozenSet();

    private static readonly FrozenSet<MessageKind> ThreePhaseSends = new[]
    {
        MessageKind.CanCommit, MessageKind.VoteYes, MessageKind.VoteNo, MessageKind.PreCommit, MessageKind.Ack,
        MessageKind.DoCommit, MessageKind.Abort, MessageKind.DecisionReq, MessageKind.Decision, MessageKind.StateReq,
        MessageKind.StateReport,
    }.ToFrozenSet();

    private static readonly FrozenSet<LogRecordKind> TwoPhaseLogs = new[]
    {
        LogRecordKind.Prepared, LogRecordKind.Collecting, LogRecordKind.Commit, LogRecordKind.Abort, LogRecordKind.End,
    }.ToFrozenSet();

    private static readonly FrozenSet<LogRecordKind> ThreePhaseLogs = new[]
    {
        LogRecordKind.Prepared, LogRecordKind.PreCommit, LogRecordKind.Commit, LogRecordKind.Abort, LogRecordKind.End,
    }.ToFrozenSet();

    private static readonly FrozenSet<Phase> TwoPhaseStates = new[]
    {
        Phase.Working, Phase.Uncertain, Phase.Committed, Phase.Aborted, Phase.ReadOnly,
    }.ToFrozenSet();

    private static readonly FrozenSet<Phase> ThreePhaseStates = new[]
    {
        Phase.Working, Phase.Uncertain, Phase.PreCommitted, Phase.Committed, Phase.Aborted,
    }.ToFrozenSet();

    /// <summary>Why <paramref name="trigger"/> cannot fire in <paramref name="protocol"/> (2PC or 3PC), or null when it can.</summary>
    public static string? WhyNot(Trigger trigger, ProtocolKind protocol)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var name = ShortName(protocol);
        var two = protocol == ProtocolKind.TwoPhase;
        return trigger.Kind switch
        {
            TriggerKind.Sends or TriggerKind.Receives when trigger.Message is { } kind && !(two ? TwoPhaseSends : ThreePhaseSends).Contains(kind) =>
                $"{name} sends no {Names.Of(kind).ToUpperInvariant()} message" + Counterpart(kind, two),
            TriggerKind.Logs when trigger.Record is { } record && !(two ? TwoPhaseLogs : ThreePhaseLogs).Contains(record) =>
                $"{name} never logs {Names.Of(record).ToUpperInvariant()}",
            TriggerKind.Enters when trigger.State is { } state && !(two ? TwoPhaseStates : ThreePhaseStates).Contains(state) =>
                $"no {name} node is ever {Names.Of(state)}",
            _ => null,
        };
    }

    /// <summary>"2PC", "3PC": how the page names the protocols.</summary>
    public static string ShortName(ProtocolKind protocol) => Names.Of(protocol).ToUpperInvariant();

    /// <summary>The message that plays the same part in the other protocol, as a hint for whoever writes the fault again.</summary>
    private static string Counterpart(MessageKind kind, bool twoPhase) => (kind, twoPhase) switch
    {
        (MessageKind.CanCommit, true) => " (its first message is PREPARE)",
        (MessageKind.DoCommit, true) => " (its commit message is COMMIT)",
        (MessageKind.PreCommit, true) => " (it has no pre-commit phase)",
        (MessageKind.Prepare, false) => " (its first message is CAN-COMMIT)",
        (MessageKind.Commit, false) => " (its commit message is DO-COMMIT)",
        _ => "",
    };
}
