using System.Collections.Immutable;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.Network;

/// <summary>One state of the small state-machine diagram in a node panel, with where to draw it.</summary>
public sealed record StateBox(Phase Phase, string Label, double X, double Y);

/// <summary>One transition arrow of the diagram.</summary>
public sealed record StateEdge(Phase From, Phase To);

/// <summary>
/// The protocol state machine a participant walks through, as lectures draw it:
/// 2PC working -> uncertain -> committed | aborted (and working -> aborted);
/// 3PC adds precommitted between uncertain and committed.
/// </summary>
public sealed record NodeStateMachine(ImmutableArray<StateBox> States, ImmutableArray<StateEdge> Edges)
{
    public static NodeStateMachine For(ProtocolKind protocol)
    {
        // A Paxos Commit participant walks 2PC's states: its vote goes elsewhere, its states do not change.
        if (protocol is ProtocolKind.TwoPhase or ProtocolKind.PaxosCommit)
        {
            return new NodeStateMachine(
                [
                    new StateBox(Phase.Working, "working", 10, 30),
                    new StateBox(Phase.Uncertain, "uncertain", 100, 30),
                    new StateBox(Phase.Committed, "committed", 190, 8),
                    new StateBox(Phase.Aborted, "aborted", 190, 52),
                ],
                [
                    new StateEdge(Phase.Working, Phase.Uncertain),
                    new StateEdge(Phase.Uncertain, Phase.Committed),
                    new StateEdge(Phase.Uncertain, Phase.Aborted),
                    new StateEdge(Phase.Working, Phase.Aborted),
                ]);
        }

        return new NodeStateMachine(
            [
                new StateBox(Phase.Working, "working", 4, 30),
                new StateBox(Phase.Uncertain, "uncertain", 74, 30),
                new StateBox(Phase.PreCommitted, "precommitted", 144, 8),
                new StateBox(Phase.Committed, "committed", 214, 8),
                new StateBox(Phase.Aborted, "aborted", 214, 52),
            ],
            [
                new StateEdge(Phase.Working, Phase.Uncertain),
                new StateEdge(Phase.Uncertain, Phase.PreCommitted),
                new StateEdge(Phase.PreCommitted, Phase.Committed),
                new StateEdge(Phase.Uncertain, Phase.Aborted),
                new StateEdge(Phase.PreCommitted, Phase.Aborted),
                new StateEdge(Phase.Working, Phase.Aborted),
            ]);
    }
}
