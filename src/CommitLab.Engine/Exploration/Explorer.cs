namespace CommitLab.Engine.Exploration;

/// <summary>
/// Explicit-state model checking, as TLC does it: breadth-first from the initial states, every
/// enabled action from every distinct state, states deduplicated by fingerprint, every property
/// checked, and for each violated property the shortest path from an initial state. Counts,
/// verdicts and counterexamples are the same whatever the thread count.
/// </summary>
public static class Explorer
{
    /// <summary>Searches <paramref name="model"/>'s whole reachable state space (or up to <see cref="ExplorerOptions.MaxStates"/>).</summary>
    /// <exception cref="ArgumentException">The options are out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    public static ExplorationResult Explore<TState>(
        IModel<TState> model,
        ExplorerOptions? options = null,
        IProgress<ExplorationProgress>? progress = null,
        CancellationToken cancellation = default)
        where TState : struct, IEquatable<TState>
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new ExplorerOptions();
        if (options.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        ExplorationResult result;
        using (var plain = new ExplorationRun<TState>(model, options, null, progress, cancellation))
        {
            result = plain.Run();
        }

        if (options.Symmetry && model is ISymmetricModel<TState> symmetric && result.Complete)
        {
            // A second, counting-only search over canonical states: paths through representatives
            // are not runs a student can follow, so counterexamples come from the plain search.
            // Elapsed stays the plain search's, so states per second compares across runs.
            using var symmetricRun = new ExplorationRun<TState>(model, options, symmetric, progress, cancellation);
            var reduced = symmetricRun.Run();
            result = result with
            {
                SymmetricStates = reduced.Complete ? reduced.DistinctStates : null,
                PeakBytes = Math.Max(result.PeakBytes, reduced.PeakBytes),
            };
        }

        return result;
    }
}
