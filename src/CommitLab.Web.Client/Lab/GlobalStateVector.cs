using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Network;

namespace CommitLab.Web.Lab;

/// <summary>
/// The global state vector at one moment: every node's state, vote, decision and newest log record
/// side by side, the tuple (L, P1, P2, …) that Skeen's argument about which local states may coexist
/// is made of. Built from a frame's snapshot, so it shows the same moment as the drawing beside it.
/// </summary>
public sealed record GlobalStateVector(IReadOnlyList<GlobalStateVector.Entry> Nodes)
{
    /// <summary>What the table shows for "nothing yet" or "not this node's business".</summary>
    public const string None = "—";

    /// <param name="State">The node's state in the drawing's words ("uncertain", "crashed").</param>
    /// <param name="Vote">"yes", "no", "read-only", or <see cref="None"/> (not voted yet, or the node does not vote).</param>
    /// <param name="Decision">"commit", "abort", or <see cref="None"/>.</param>
    /// <param name="LogTail">The newest durable log record, upper case as the node cards write it, or <see cref="None"/>.</param>
    public sealed record Entry(string Node, string State, string Vote, string Decision, string LogTail, bool Up);

    /// <summary>The vector as one line, e.g. "(L committed, P1 uncertain, P2 committed)".</summary>
    public string Tuple => "(" + string.Join(", ", Nodes.Select(n => $"{n.Node} {n.State}")) + ")";

    public static GlobalStateVector From(Snapshot snapshot, Roles.RoleTable? roles = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new GlobalStateVector(snapshot.Nodes.Select(n => Describe(n, roles?.StatusOf(n.Name))).ToList());
    }

    private static Entry Describe(NodeSnapshot node, string? modelStatus) => new(
        node.Name,
        NodeStatus.Of(node.Role, node.Phase, node.Up, node.Frozen, node.Busy, modelStatus),
        VoteOf(node),
        node.Decision == Outcome.None ? None : Names.Of(node.Decision),
        node.Log.IsEmpty ? None : Names.Of(node.Log[^1].Record).ToUpperInvariant(),
        node.Up);

    /// <summary>
    /// A participant's vote as its own state shows it: a PREPARED record is a yes (it is written
    /// before the vote); read-only is its own vote; a node set to vote no that has aborted said no.
    /// </summary>
    private static string VoteOf(NodeSnapshot node) =>
        node.Role != "participant" ? None :
        node.Log.Any(e => e.Record == LogRecordKind.Prepared) ? "yes" :
        node.Phase == Phase.ReadOnly ? "read-only" :
        node.VotesNo && node.Phase == Phase.Aborted ? "no" :
        None;
}
