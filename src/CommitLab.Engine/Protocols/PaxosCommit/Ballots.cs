namespace CommitLab.Engine.Protocols.PaxosCommit;

/// <summary>
/// Ballot numbers in Paxos Commit. Ballot 0 belongs to each participant for its own instance: the
/// leader L is its ballot-0 leader and phase 1 of ballot 0 is taken as done, so a participant sends its
/// phase 2a straight away (the paper's fast path). Every later ballot is started by one proposer only,
/// numbered <c>round * (n + 1) + proposer</c> (L is proposer 0, Pi is i), so two proposers never share a
/// number, and a proposer's next round is always higher than its last.
/// </summary>
public static class Ballots
{
    /// <summary>The ballot a proposer uses in its <paramref name="round"/> (1, 2, ...).</summary>
    public static int Number(NodeContext ctx, int round) => (round * (ctx.Participants.Length + 1)) + ctx.Self;

    /// <summary>Who leads a ballot: L (node 0) for ballot 0, otherwise the proposer whose number it is.</summary>
    public static int LeaderOf(NodeContext ctx, int ballot) => ballot == 0 ? ctx.Coordinator : ballot % (ctx.Participants.Length + 1);

    /// <summary>Every acceptor's node index.</summary>
    public static IEnumerable<int> Acceptors(NodeContext ctx) => Enumerable.Range(ctx.FirstAcceptor, ctx.AcceptorCount);
}
