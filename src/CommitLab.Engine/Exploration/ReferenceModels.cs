namespace CommitLab.Engine.Exploration;

/// <summary>The models from the literature the explorer can check by name, each with its number of RMs.</summary>
public static class ReferenceModels
{
    public const int MinRms = 1;

    public const int MaxRms = 12;

    /// <summary>The names a user may give, in the order help lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["twophase-tla", "tcommit-tla"];

    /// <summary>Builds the named model, or says what is wrong with the request.</summary>
    public static IModel<ulong>? TryCreate(string? name, int rms, out string? error)
    {
        var known = Names.FirstOrDefault(candidate => string.Equals(candidate, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (known is null)
        {
            error = $"--model must be {string.Join(" or ", Names)}, not '{name}'";
            return null;
        }

        if (rms is < MinRms or > MaxRms)
        {
            error = $"--rms must be between {MinRms} and {MaxRms}, not {rms}";
            return null;
        }

        error = null;
        return known == "twophase-tla" ? new TwoPhaseTla(rms) : new TCommitTla(rms);
    }
}
