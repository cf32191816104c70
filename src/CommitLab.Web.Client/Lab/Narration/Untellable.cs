using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// Live participants that hold their locks although the outcome is settled elsewhere, because no
/// node that knows it can reach them (the typical case: L–P3 cut both ways before PREPARE, L aborts
/// and resends ABORT into the cut for ever). They are not blocked in the protocol's sense (they never
/// voted), yet their data stays locked: the badge says so rather than "Nobody blocked".
/// </summary>
public static class Untellable
{
    /// <summary>The names of such participants, in node order; empty when there are none.</summary>
    internal static IReadOnlyList<string> Find(NarrationState state)
    {
        // Only L tells a participant that never voted (it has no reason to ask anyone), so once L has
        // decided and its link to the participant is cut, nothing reaches it.
        var found = new List<string>();
        if (state.Decisions[0] == Outcome.None)
        {
            return found;
        }

        for (var p = 1; p <= state.Participants; p++)
        {
            if (state.Up[p] && state.Decisions[p] == Outcome.None && state.Phases[p] == Phase.Working && state.Locks[p].Count > 0 && !state.Link(0, p))
            {
                found.Add(state.Name(p));
            }
        }

        return found;
    }

    /// <summary>The badge's words, e.g. "P3 holds its lock and cannot be told".</summary>
    public static string Sentence(IReadOnlyList<string> nodes) =>
        nodes.Count == 1 ? $"{nodes[0]} holds its lock and cannot be told the outcome" : $"{Prose.List(nodes.ToList())} hold their locks and cannot be told the outcome";
}
