using System.Collections.Frozen;

namespace CommitLab.Engine.Protocols;

/// <summary>
/// What one protocol role can ever do that a fault trigger names: the messages it sends, the records it
/// writes to its durable log and the states it can be in. Declared next to the role it describes (one
/// file per protocol), and held to the role's real behaviour by tests that run every shipped scenario
/// and random fault mixes and find nothing outside it.
/// </summary>
public sealed class RoleVocabulary
{
    /// <param name="role">The role described.</param>
    /// <param name="sends">Every message kind the role's handlers may hand to the network.</param>
    /// <param name="logs">Every record kind the role may append to its durable log.</param>
    /// <param name="states">Every state a node of the role can be in, the one it starts in (<see cref="Phase.Working"/>) included.</param>
    public RoleVocabulary(ProtocolRole role, IEnumerable<MessageKind> sends, IEnumerable<LogRecordKind> logs, IEnumerable<Phase> states)
    {
        ArgumentNullException.ThrowIfNull(role);
        Role = role;
        Sends = sends.ToFrozenSet();
        Logs = logs.ToFrozenSet();
        States = states.ToFrozenSet();
    }

    public ProtocolRole Role { get; }

    /// <summary>The role's name as the trace and the views show it ("coordinator", "storage server").</summary>
    public string Name => Role.Name;

    public FrozenSet<MessageKind> Sends { get; }

    public FrozenSet<LogRecordKind> Logs { get; }

    public FrozenSet<Phase> States { get; }

    /// <summary>
    /// False when <paramref name="trigger"/> names a message this role never sends, a record it never
    /// writes or a state it is never in: on a node of this role it can never fire. A role does not
    /// declare what it receives, so a "receives" trigger is left to <see cref="ProtocolVocabulary.CanFire"/>.
    /// </summary>
    public bool CanFire(Faults.Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger.Kind switch
        {
            Faults.TriggerKind.Sends => trigger.Message is not { } kind || Sends.Contains(kind),
            Faults.TriggerKind.Logs => trigger.Record is not { } record || Logs.Contains(record),
            Faults.TriggerKind.Enters => trigger.State is not { } state || States.Contains(state),
            _ => true,
        };
    }
}
