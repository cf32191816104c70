using System.Collections.Immutable;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Monitors;

/// <summary>
/// Which monitors judge a run of each protocol. A new protocol is new roles plus its entry here; the
/// simulator, the snapshot and every view then use the list without knowing what is in it.
/// </summary>
public static class ProtocolMonitors
{
    /// <summary>
    /// Fresh monitors for one run of an atomic commitment protocol (2PC, 3PC and Paxos Commit alike): validity,
    /// atomicity and blocking. Their order is the order violations found by the same event are
    /// reported in, so it is part of the trace and must not change.
    /// </summary>
    /// <param name="participants">n: nodes 1..n are the participants, node 0 the coordinator L.</param>
    /// <param name="names">Every node's name, by index.</param>
    public static ImmutableArray<IMonitor> For(ProtocolKind protocol, int participants, IReadOnlyList<string> names) => protocol switch
    {
        ProtocolKind.TwoPhase or ProtocolKind.ThreePhase or ProtocolKind.PaxosCommit =>
        [
            new ValidityMonitor(participants, names),
            new AtomicityMonitor(participants + 1, names),
            new BlockingMonitor(participants),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "no monitors are named for this protocol"),
    };

    /// <summary>
    /// Empties the commit protocols' monitors of a finished run for another run of the same scenario,
    /// and says whether it could: false when any of them is of another kind (the Tahoe-LAFS and lunch
    /// monitors read their run's nodes, so they cannot move to another run). Only for monitors nobody
    /// can read any more (<see cref="Simulation.Simulator.Run"/>'s own): they are changed in place.
    /// </summary>
    internal static bool TryReset(ImmutableArray<IMonitor> monitors)
    {
        foreach (var monitor in monitors)
        {
            if (monitor is not (ValidityMonitor or AtomicityMonitor or BlockingMonitor))
            {
                return false;
            }
        }

        foreach (var monitor in monitors)
        {
            switch (monitor)
            {
                case ValidityMonitor validity:
                    validity.Reset();
                    break;
                case AtomicityMonitor atomicity:
                    atomicity.Reset();
                    break;
                case BlockingMonitor blocking:
                    blocking.Reset();
                    break;
            }
        }

        return true;
    }

    /// <summary>
    /// Fresh monitors for one run of <paramref name="scenario"/>: the commit protocols' three; for the
    /// Tahoe-LAFS models, lost update and servers agree; for the two generals, whether Sam and Jill eat
    /// in the same place. The last two kinds read the nodes through <paramref name="nodes"/>.
    /// </summary>
    public static ImmutableArray<IMonitor> For(Scenarios.Scenario scenario, IReadOnlyList<string> names, INodeView nodes) =>
        Names.IsTahoe(scenario.Protocol)
            ?
            [
                new Tahoe.LostUpdateMonitor(scenario.Protocol, scenario.Tahoe!, names, nodes),
                new Tahoe.ServersAgreeMonitor(scenario.Protocol, scenario.Tahoe!, names, nodes),
            ]
            : scenario.Protocol == ProtocolKind.TwoGenerals
                ? [new TwoGenerals.LunchAgreementMonitor(nodes)]
                : For(scenario.Protocol, scenario.Participants, names);
}
