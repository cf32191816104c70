using CommitLab.Engine.Exploration;

namespace CommitLab.Engine.Tests.Exploration;

/// <summary>The search stays within its state limit, can be cancelled, and reports progress and memory.</summary>
public class ExplorerLimitsTests
{
    [Fact]
    public void The_state_limit_stops_the_search_with_unknown_verdicts_and_a_reason()
    {
        var result = Explorer.Explore(new TwoPhaseTla(6), new ExplorerOptions { MaxStates = 1_000 });

        Assert.False(result.Complete);
        Assert.InRange(result.DistinctStates, 1_000, 50_815);
        Assert.Contains("the limit is 1,000 states", result.StopReason, StringComparison.Ordinal);
        Assert.All(result.Verdicts, verdict => Assert.Equal(Verdict.Unknown, verdict.Verdict));
    }

    [Fact]
    public void The_depth_limit_stops_at_the_same_state_count_on_every_thread_count_and_says_what_was_checked()
    {
        var one = Explorer.Explore(new TwoPhaseTla(6), new ExplorerOptions { MaxDepth = 5, Parallelism = 1 });
        var two = Explorer.Explore(new TwoPhaseTla(6), new ExplorerOptions { MaxDepth = 5, Parallelism = 2 });

        Assert.False(one.Complete);
        Assert.Equal(5, one.Depth);
        Assert.Equal(one.DistinctStates, two.DistinctStates);
        Assert.Contains("every run of up to 4 steps was checked against each invariant, and up to 3 steps against each terminal property", one.StopReason, StringComparison.Ordinal);
        Assert.All(one.Verdicts, verdict => Assert.Equal(Verdict.Unknown, verdict.Verdict));
        Assert.Contains("the depth limit must be at least 1, not 0", Assert.Throws<ArgumentException>(() => Explorer.Explore(new TCommitTla(3), new ExplorerOptions { MaxDepth = 0 })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_search_throws()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.Throws<OperationCanceledException>(() => Explorer.Explore(new TwoPhaseTla(5), cancellation: cancel.Token));
    }

    [Fact]
    public void Progress_is_reported_per_level_and_ends_at_the_final_count()
    {
        var reports = new List<ExplorationProgress>();
        var result = Explorer.Explore(new TwoPhaseTla(3), progress: new SynchronousProgress(reports.Add));

        Assert.Equal(288, reports[^1].DistinctStates);
        Assert.Equal(11, reports[^1].Depth);
        Assert.True(reports.Count >= 11);
        Assert.True(result.PeakBytes >= 288 * 24);
    }

    [Fact]
    public void Bad_options_are_refused_with_a_message()
    {
        var error = Assert.Throws<ArgumentException>(() => Explorer.Explore(new TCommitTla(3), new ExplorerOptions { Parallelism = 0 }));

        Assert.Contains("parallelism must be between 1 and 256, not 0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twophase-tla", 0, "--rms must be between 1 and 12, not 0")]
    [InlineData("twophase-tla", 13, "--rms must be between 1 and 12, not 13")]
    [InlineData("paxos", 3, "--model must be twophase-tla or tcommit-tla, not 'paxos'")]
    public void Reference_models_refuse_bad_requests(string name, int rms, string message)
    {
        Assert.Null(ReferenceModels.TryCreate(name, rms, out var error));
        Assert.Equal(message, error);
    }

    /// <summary><see cref="Progress{T}"/> posts to the thread pool; a test wants every report before it asserts.</summary>
    private sealed class SynchronousProgress(Action<ExplorationProgress> report) : IProgress<ExplorationProgress>
    {
        private readonly Lock gate = new();

        public void Report(ExplorationProgress value)
        {
            lock (gate)
            {
                report(value);
            }
        }
    }
}
