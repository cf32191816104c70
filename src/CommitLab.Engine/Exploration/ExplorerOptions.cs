namespace CommitLab.Engine.Exploration;

/// <summary>How the <see cref="Explorer"/> searches; the defaults suit a reference model on a laptop.</summary>
public sealed record ExplorerOptions
{
    public const long DefaultMaxStates = 20_000_000;

    /// <summary>The most distinct states stored. The search stops (verdicts <see cref="Verdict.Unknown"/> where not yet violated) rather than exhaust memory.</summary>
    public long MaxStates { get; init; } = DefaultMaxStates;

    /// <summary>
    /// The deepest breadth-first level to store (the initial state is level 1), or null for no limit.
    /// A search stopped here has checked every invariant in every state reachable in fewer than this
    /// many steps, and every terminal property in every state reachable in fewer than this minus one:
    /// a bound that, unlike <see cref="MaxStates"/>, says the same thing on every thread count.
    /// </summary>
    public int? MaxDepth { get; init; }

    /// <summary>Worker threads expanding each level; results do not depend on it.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Also count states up to permutations of the participants, when the model is an <see cref="ISymmetricModel{TState}"/>.</summary>
    public bool Symmetry { get; init; }

    /// <summary>
    /// Keep every full state beside its fingerprint and count distinct states that share one. Costs
    /// memory per state; for tests and for doubting a new fingerprint function.
    /// </summary>
    public bool CheckCollisions { get; init; }

    /// <summary>How often progress is reported at most (also once per level).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Checks the options; returns the problems in words a user can act on.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxStates < 1)
        {
            errors.Add($"the state limit must be at least 1, not {MaxStates}");
        }

        if (MaxDepth is < 1)
        {
            errors.Add($"the depth limit must be at least 1, not {MaxDepth}");
        }

        if (Parallelism is < 1 or > 256)
        {
            errors.Add($"parallelism must be between 1 and 256, not {Parallelism}");
        }

        return errors;
    }
}
