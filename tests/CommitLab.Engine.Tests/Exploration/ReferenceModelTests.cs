using CommitLab.Engine.Exploration;

namespace CommitLab.Engine.Tests.Exploration;

/// <summary>
/// The explorer counts what TLC counts on Lamport's specs (tlaplus/Examples transaction_commit: the
/// comments of TwoPhase.tla and its manifest), and the verdicts are the ones the literature proves.
/// </summary>
public class ReferenceModelTests
{
    [Theory]
    [InlineData(3, 288)]
    [InlineData(5, 8_832)]
    [InlineData(6, 50_816)]
    public void TwoPhase_reaches_as_many_distinct_states_as_TLC(int rms, long states)
    {
        var result = Explorer.Explore(new TwoPhaseTla(rms));

        Assert.True(result.Complete);
        Assert.Equal(states, result.DistinctStates);
        Assert.All(result.Verdicts, verdict => Assert.Equal(Verdict.Holds, verdict.Verdict));
    }

    [Fact]
    public void TwoPhase_with_3_RMs_matches_TLC_generated_states_and_depth()
    {
        var result = Explorer.Explore(new TwoPhaseTla(3));

        // TLC: 1146 states generated (the initial state plus one per transition), depth 11.
        Assert.Equal(1_145, result.Transitions);
        Assert.Equal(11, result.Depth);
    }

    [Fact]
    public void TCommit_with_3_RMs_matches_TLC()
    {
        var result = Explorer.Explore(new TCommitTla(3));

        // TLC: 34 distinct states, 94 generated, depth 7.
        Assert.Equal(34, result.DistinctStates);
        Assert.Equal(93, result.Transitions);
        Assert.Equal(7, result.Depth);
        Assert.All(result.Verdicts, verdict => Assert.Equal(Verdict.Holds, verdict.Verdict));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Counts_do_not_depend_on_the_thread_count(int threads)
    {
        var result = Explorer.Explore(new TwoPhaseTla(5), new ExplorerOptions { Parallelism = threads });

        Assert.Equal(8_832, result.DistinctStates);
        Assert.Equal(Explorer.Explore(new TwoPhaseTla(5), new ExplorerOptions { Parallelism = 1 }).Transitions, result.Transitions);
    }

    [Fact]
    public void Keeping_full_states_finds_no_fingerprint_collision()
    {
        var result = Explorer.Explore(new TwoPhaseTla(6), new ExplorerOptions { CheckCollisions = true });

        Assert.Equal(50_816, result.DistinctStates);
        Assert.Equal(0, result.Collisions);
    }

    [Fact]
    public void A_fingerprint_that_merges_states_is_caught_by_the_collision_check()
    {
        var result = Explorer.Explore(new CoarseFingerprintTwoPhase(3), new ExplorerOptions { CheckCollisions = true });

        // Fingerprinting only the RM states folds the 288 states into at most 4^3 = 64.
        Assert.True(result.DistinctStates <= 64);
        Assert.True(result.Collisions > 0);
    }

    [Fact]
    public void Symmetry_counts_each_renaming_of_the_RMs_once()
    {
        var model = new TwoPhaseTla(5);
        var result = Explorer.Explore(model, new ExplorerOptions { Symmetry = true });

        Assert.Equal(8_832, result.DistinctStates);
        Assert.Equal(SymmetricOracle(model), result.SymmetricStates);
        Assert.True(result.SymmetricStates < result.DistinctStates);
    }

    [Fact]
    public void Symmetry_in_TCommit_leaves_the_multisets_of_RM_states()
    {
        var model = new TCommitTla(3);
        var result = Explorer.Explore(model, new ExplorerOptions { Symmetry = true });

        Assert.Equal(SymmetricOracle(model), result.SymmetricStates);
    }

    [Fact]
    public void Without_the_option_no_symmetric_count_is_reported()
    {
        Assert.Null(Explorer.Explore(new TCommitTla(3)).SymmetricStates);
    }

    [Fact]
    public void The_TwoPhase_state_reached_is_the_one_the_spec_describes()
    {
        var model = new TwoPhaseTla(2);
        var buffer = new Transition<ulong>[model.MaxSuccessors];
        var count = model.Successors(0, buffer);

        // From TPInit: TMAbort, then RMPrepare and RMChooseToAbort for each RM; TMCommit needs tmPrepared = RM.
        Assert.Equal(["TMAbort", "RMPrepare(r1)", "RMChooseToAbort(r1)", "RMPrepare(r2)", "RMChooseToAbort(r2)"], buffer.Take(count).Select(t => model.ActionName(t.Action)));
        Assert.Equal("rmState [r1 prepared, r2 working], tmState init, tmPrepared {}, msgs {Prepared(r1)}", model.Describe(buffer[1].Next));
    }

    /// <summary>An independent, single-threaded breadth-first search over the raw states, then one count per class of renamings.</summary>
    private static int SymmetricOracle(ISymmetricModel<ulong> model)
    {
        var seen = new HashSet<ulong>(model.InitialStates);
        var queue = new Queue<ulong>(model.InitialStates);
        var buffer = new Transition<ulong>[model.MaxSuccessors];
        while (queue.TryDequeue(out var state))
        {
            var count = model.Successors(state, buffer);
            for (var i = 0; i < count; i++)
            {
                if (seen.Add(buffer[i].Next))
                {
                    queue.Enqueue(buffer[i].Next);
                }
            }
        }

        return seen.Select(model.Canonical).Distinct().Count();
    }

    private sealed class CoarseFingerprintTwoPhase(int rms) : TwoPhaseTla(rms), IModel<ulong>
    {
        ulong IModel<ulong>.Fingerprint(ulong state) => Fingerprints.Mix(state & 0x3F);
    }
}
