using System.Collections.Immutable;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.Network;

/// <summary>One state of the small state-machine diagram in a node panel, with where to draw it (pixels on its canvas).</summary>
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
    // One instance per shape, built once: every frame asks for its machine, and the state-machine
    // canvas keeps its drawing for as long as it is handed the same instance.
    private static readonly NodeStateMachine TwoPhase = BuildTwoPhase();
    private static readonly NodeStateMachine ThreePhase = BuildThreePhase();

    /// <summary>
    /// The machine for a protocol. A Paxos Commit participant walks 2PC's states: its vote goes to the
    /// acceptors, but its own states do not change, so it has no machine of its own.
    /// </summary>
    public static NodeStateMachine For(ProtocolKind protocol) =>
        protocol is ProtocolKind.TwoPhase or ProtocolKind.PaxosCommit ? TwoPhase : ThreePhase;

    // Laid out so that no arrow crosses a state: the way forward runs along the top, aborted sits
    // under uncertain, and working's arrows go up to uncertain and down to aborted.
    private static NodeStateMachine BuildTwoPhase() =>
            new NodeStateMachine(
                [
                    new StateBox(Phase.Working, "working", 0, 36),
                    new StateBox(Phase.Uncertain, "uncertain", 100, 10),
                    new StateBox(Phase.Committed, "committed", 200, 10),
                    new StateBox(Phase.Aborted, "aborted", 100, 62),
                ],
                [
                    new StateEdge(Phase.Working, Phase.Uncertain),
                    new StateEdge(Phase.Uncertain, Phase.Committed),
                    new StateEdge(Phase.Uncertain, Phase.Aborted),
                    new StateEdge(Phase.Working, Phase.Aborted),
                ]);

    private static NodeStateMachine BuildThreePhase() =>
        new NodeStateMachine(
            [
                new StateBox(Phase.Working, "working", 0, 36),
                new StateBox(Phase.Uncertain, "uncertain", 78, 10),
                new StateBox(Phase.PreCommitted, "precommitted", 156, 10),
                new StateBox(Phase.Committed, "committed", 234, 10),
                new StateBox(Phase.Aborted, "aborted", 78, 62),
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
