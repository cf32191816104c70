using CommitLab.Engine.Protocols;
using CommitLab.Engine.Protocols.TwoPhase;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>
/// A 2PC scenario whose participants are interchangeable: renaming them maps runs to runs, so the
/// explorer can count states up to that renaming (TLC's <c>SYMMETRY</c>). The representative of a
/// state is the renaming with the least fingerprint, found by trying every permutation (at most
/// 6! = 720, and only when symmetry is asked for).
/// </summary>
public sealed class SymmetricScenarioModel : ScenarioModel, ISymmetricModel<ScenarioState>
{
    private readonly int[][] permutations;

    public SymmetricScenarioModel(Scenario scenario, ExplorationBudgets budgets, bool waysToBlock = false)
        : base(scenario, budgets, waysToBlock)
    {
        if (scenario.Protocol != ProtocolKind.TwoPhase || !scenario.NoVoters.IsEmpty || !scenario.ReadOnly.IsEmpty)
        {
            throw new ArgumentException("only a 2PC scenario whose participants all vote alike is symmetric", nameof(scenario));
        }

        var list = new List<int[]>();
        Permute(Enumerable.Range(1, Participants).ToArray(), 0, list);
        permutations = [.. list];
    }

    public ScenarioState Canonical(ScenarioState state)
    {
        var best = state.World;
        var bestFingerprint = best.Fingerprint();
        foreach (var permutation in permutations)
        {
            var renamed = Rename(state.World, permutation);
            var fingerprint = renamed.Fingerprint();
            if (fingerprint < bestFingerprint)
            {
                (best, bestFingerprint) = (renamed, fingerprint);
            }
        }

        return new ScenarioState(best);
    }

    private static void Permute(int[] items, int at, List<int[]> into)
    {
        if (at == items.Length)
        {
            var map = new int[items.Length + 1];
            for (var i = 0; i < items.Length; i++)
            {
                map[i + 1] = items[i];
            }

            into.Add(map);
            return;
        }

        for (var i = at; i < items.Length; i++)
        {
            (items[at], items[i]) = (items[i], items[at]);
            Permute(items, at + 1, into);
            (items[at], items[i]) = (items[i], items[at]);
        }
    }

    /// <summary>The world with participant p renamed to <c>map[p]</c>; L and LOG keep their places.</summary>
    private ScenarioWorld Rename(ScenarioWorld w, int[] map)
    {
        int To(int node) => node >= 1 && node <= Participants ? map[node] : node;
        ulong Bits(ulong mask, int width)
        {
            var renamed = 0UL;
            var group = (1UL << width) - 1;
            for (var node = 0; node < w.Nodes; node++)
            {
                renamed |= ((mask >> (width * node)) & group) << (width * To(node));
            }

            return renamed;
        }

        Message Move(Message m) => m with { From = To(m.From), To = To(m.To) };

        var r = new ScenarioWorld(w.Nodes)
        {
            Up = Bits(w.Up, 1),
            Decisions = Bits(w.Decisions, 2),
            Locks = Bits(w.Locks, 1),
            Timers = Bits(w.Timers, 4),
            Used = w.Used,
        };
        for (var node = 0; node < w.Nodes; node++)
        {
            var to = To(node);
            r.Volatile[to] = w.Volatile[node] is TwoPhaseCoordinatorState c
                ? c with { VotedYes = Bits(c.VotedYes, 1), Acked = Bits(c.Acked, 1), VotedReadOnly = Bits(c.VotedReadOnly, 1) }
                : w.Volatile[node];
            r.Logs[to] = w.Logs[node];
            r.Suspected[to] = Bits(w.Suspected[node], 1);
            r.Pending[to] = w.Pending[node]?.Select(effect => effect with { Message = Move(effect.Message) }).ToArray();
            for (var peer = node + 1; peer < w.Nodes; peer++)
            {
                if (w.LinkCut(node, peer))
                {
                    r.CutPairs |= 1UL << ScenarioWorld.PairIndex(to, To(peer));
                }
            }
        }

        var messages = new ulong[w.InFlight.Length];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = ScenarioActions.Pack(Move(ScenarioActions.Unpack(w.InFlight[i])));
        }

        Array.Sort(messages);
        r.InFlight = messages;
        return r;
    }
}
