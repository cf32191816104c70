using System.Collections.Frozen;
using System.Collections.Immutable;
using CommitLab.Engine.Faults;

namespace CommitLab.Engine.Protocols;

/// <summary>
/// What a protocol's nodes can ever send, log and be, role by role (<see cref="RoleVocabulary"/>).
/// A trigger outside it never fires in a run of that protocol: a comparison uses this to say why a
/// fault cannot be carried over ("2PC never logs PRECOMMIT") instead of running one that does nothing.
/// Each protocol declares its own in a file next to its roles; a new protocol adds its entry to
/// <see cref="Of"/>, as it does to the monitors' list.
/// </summary>
public sealed class ProtocolVocabulary
{
    public ProtocolVocabulary(ProtocolKind protocol, ImmutableArray<RoleVocabulary> roles)
    {
        if (roles.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"{Names.Of(protocol)} must declare at least one role", nameof(roles));
        }

        // The views and the tests find a node's role by its name, so two roles of one protocol may not share one.
        if (roles.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count() != roles.Length)
        {
            throw new ArgumentException($"{Names.Of(protocol)} declares two roles with the same name: {string.Join(", ", roles.Select(r => r.Name))}", nameof(roles));
        }

        Protocol = protocol;
        Roles = roles;
        Sends = roles.SelectMany(r => r.Sends).ToFrozenSet();
        Logs = roles.SelectMany(r => r.Logs).ToFrozenSet();
        States = roles.SelectMany(r => r.States).ToFrozenSet();
    }

    public ProtocolKind Protocol { get; }

    public ImmutableArray<RoleVocabulary> Roles { get; }

    /// <summary>Every message kind some role of the protocol sends, so also every kind a node can receive.</summary>
    public FrozenSet<MessageKind> Sends { get; }

    /// <summary>Every record kind some role of the protocol writes.</summary>
    public FrozenSet<LogRecordKind> Logs { get; }

    /// <summary>Every state some node of the protocol can be in.</summary>
    public FrozenSet<Phase> States { get; }

    /// <summary>The role called <paramref name="name"/> (as a snapshot names a node's role), or null when the protocol has none.</summary>
    public RoleVocabulary? Role(string name)
    {
        foreach (var role in Roles)
        {
            if (role.Name == name)
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>
    /// False when <paramref name="trigger"/> names a message, record or state no node of the protocol
    /// ever sends, writes or enters: it can never fire. True says only that it may.
    /// </summary>
    public bool CanFire(Trigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger.Kind switch
        {
            TriggerKind.Sends or TriggerKind.Receives => trigger.Message is not { } kind || Sends.Contains(kind),
            TriggerKind.Logs => trigger.Record is not { } record || Logs.Contains(record),
            TriggerKind.Enters => trigger.State is not { } state || States.Contains(state),
            _ => true,
        };
    }

    /// <summary>
    /// The declaration of the role <paramref name="node"/> plays in <paramref name="scenario"/> (L is
    /// 2PC's coordinator, P1 a participant, LOG the outcome log), or null when the scenario has no
    /// node of that name. The role comes from the simulator's own choice of roles, so a view that asks
    /// here sees the node as a run of the scenario would.
    /// </summary>
    public static RoleVocabulary? RoleOf(Scenarios.Scenario scenario, string node)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var index = scenario.NodeNames().IndexOf(node);
        if (index < 0)
        {
            return null;
        }

        return Of(scenario.Protocol).Role(Simulation.Simulator.RoleOf(scenario, index).Name);
    }

    /// <summary>The vocabulary <paramref name="protocol"/>'s roles declare.</summary>
    public static ProtocolVocabulary Of(ProtocolKind protocol) => protocol switch
    {
        ProtocolKind.TwoPhase => TwoPhase.TwoPhaseVocabulary.Protocol,
        ProtocolKind.ThreePhase => ThreePhase.ThreePhaseVocabulary.Protocol,
        ProtocolKind.PaxosCommit => PaxosCommit.PaxosCommitVocabulary.Protocol,
        ProtocolKind.TahoeUncoordinated => Tahoe.TahoeVocabulary.Uncoordinated,
        ProtocolKind.TahoeTwoPhase => Tahoe.TahoeVocabulary.TwoPhase,
        ProtocolKind.TahoeMagicFolder => Tahoe.TahoeVocabulary.MagicFolder,
        ProtocolKind.TwoGenerals => TwoGenerals.LunchVocabulary.Protocol,
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "no vocabulary is declared for this protocol"),
    };
}
