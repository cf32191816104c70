using CommitLab.Engine.Exploration;

namespace CommitLab.Engine.Tests.Exploration;

/// <summary>
/// A TM that commits before every RM has prepared breaks atomicity; the explorer shows the shortest
/// way. Among equally short paths it keeps, level by level, the parent with the least fingerprint,
/// so the path pinned here is the same on every run and thread count.
/// </summary>
public class CounterexampleTests
{
    [Fact]
    public void An_eager_TM_breaks_atomicity_in_three_steps()
    {
        var result = Explorer.Explore(new BrokenTwoPhase(3));

        var atomicity = result["atomicity"];
        Assert.Equal(Verdict.Violated, atomicity.Verdict);
        Assert.Equal(3, atomicity.Counterexample!.Length);
        Assert.Equal(
            [null, "RMChooseToAbort(r1)", "TMCommit", "RMRcvCommitMsg(r3)"],
            atomicity.Counterexample.Steps.Select(step => step.Action));
        Assert.Equal("rmState [r1 aborted, r2 working, r3 committed], tmState committed, tmPrepared {}, msgs {Commit}", atomicity.Counterexample.Steps[^1].State);
    }

    [Fact]
    public void An_eager_TM_breaks_validity_in_two_steps()
    {
        var validity = Explorer.Explore(new BrokenTwoPhase(3))["validity"];

        Assert.Equal(Verdict.Violated, validity.Verdict);
        Assert.Equal([null, "TMCommit", "RMRcvCommitMsg(r2)"], validity.Counterexample!.Steps.Select(step => step.Action));
    }

    [Fact]
    public void The_counterexample_is_the_same_on_any_thread_count()
    {
        var one = Explorer.Explore(new BrokenTwoPhase(6), new ExplorerOptions { Parallelism = 1 })["atomicity"].Counterexample!;
        var four = Explorer.Explore(new BrokenTwoPhase(6), new ExplorerOptions { Parallelism = 4 })["atomicity"].Counterexample!;

        Assert.Equal(one.Steps, four.Steps);
        Assert.Equal(3, four.Length);
    }

    [Fact]
    public void The_eager_TM_still_never_blocks_and_keeps_types()
    {
        var result = Explorer.Explore(new BrokenTwoPhase(3));

        Assert.Equal(Verdict.Holds, result["nonblocking"].Verdict);
        Assert.Equal(Verdict.Holds, result["typeOK"].Verdict);
        Assert.Null(result["nonblocking"].Counterexample);
    }

    [Fact]
    public void A_model_that_can_block_gets_a_shortest_blocked_terminal_state()
    {
        // A TM that never aborts on its own and loses its Prepared messages: an RM can prepare and wait forever.
        var nonblocking = Explorer.Explore(new StuckTwoPhase(2))["nonblocking"];

        Assert.Equal(Verdict.Violated, nonblocking.Verdict);
        Assert.Equal([null, "RMPrepare(r1)", "RMPrepare(r2)"], nonblocking.Counterexample!.Steps.Select(step => step.Action));
    }

    /// <summary>TwoPhase without TMAbort and without TMRcvPrepared: once an RM aborts, a prepared RM waits for ever.</summary>
    private sealed class StuckTwoPhase(int rms) : TwoPhaseTla(rms), IModel<ulong>
    {
        int IModel<ulong>.Successors(ulong state, Span<Transition<ulong>> into)
        {
            var all = new Transition<ulong>[MaxSuccessors];
            var n = 0;
            foreach (var transition in all.AsSpan(0, Successors(state, all)))
            {
                var name = ActionName(transition.Action);
                if (name != "TMAbort" && !name.StartsWith("TMRcvPrepared", StringComparison.Ordinal))
                {
                    into[n++] = transition;
                }
            }

            return n;
        }
    }
}
