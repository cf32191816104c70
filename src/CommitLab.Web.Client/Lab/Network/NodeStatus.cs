using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.Network;

/// <summary>
/// The one word or phrase for what a node is doing, shared by the drawing and the node card so they
/// never tell two stories at once (the drawing said "working" while the card said "writing to its
/// log"). Both read the same snapshot of the frame.
/// </summary>
public static class NodeStatus
{
    /// <param name="modelStatus">
    /// What a model whose roles are not commit phases says of the node (a Tahoe-LAFS writer's stage,
    /// a server's version or lock), from the frame's role table; null for 2PC, 3PC and Paxos Commit.
    /// </param>
    public static string Of(string role, Phase phase, bool up, bool frozen, bool busy, string? modelStatus = null) =>
        !up ? "crashed" :
        frozen ? "frozen" :
        busy ? "writing to its log" :
        modelStatus is not null ? modelStatus :
        role == "coordinator" && phase == Phase.Working ? "collecting votes" :
        role == "acceptor" ? "accepting votes" :
        Names.Of(phase);
}
