using System.Collections.Immutable;

namespace CommitLab.Cli;

/// <summary>The fault kinds <c>commitlab fuzz --faults</c> may draw from.</summary>
public enum FaultKind
{
    Crash,
    Recover,
    Freeze,
    Cut,
    Partition,
    Drop,
    Delay,
    VoteNo,
}

/// <summary>Names of <see cref="FaultKind"/> on the command line.</summary>
public static class FaultKinds
{
    /// <summary>What <c>--faults</c> defaults to: every fault that can change how a run ends.</summary>
    public const string Default = "crash,recover,cut,partition,drop,freeze";

    private static readonly (string Name, FaultKind Kind)[] All =
    [
        ("crash", FaultKind.Crash), ("recover", FaultKind.Recover), ("freeze", FaultKind.Freeze),
        ("cut", FaultKind.Cut), ("partition", FaultKind.Partition), ("drop", FaultKind.Drop),
        ("delay", FaultKind.Delay), ("vote-no", FaultKind.VoteNo),
    ];

    public static string Name(FaultKind kind) => All.First(entry => entry.Kind == kind).Name;

    /// <summary>Reads a comma-separated list like "crash,recover,cut"; fails on an unknown or empty list.</summary>
    public static bool TryParse(string text, out ImmutableSortedSet<FaultKind> kinds, out string error)
    {
        var builder = ImmutableSortedSet.CreateBuilder<FaultKind>();
        error = "";
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = All.FirstOrDefault(entry => entry.Name.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                error = $"unknown fault kind '{part}'; choose from {string.Join(", ", All.Select(entry => entry.Name))}";
                kinds = [];
                return false;
            }

            builder.Add(match.Kind);
        }

        kinds = builder.ToImmutable();
        if (kinds.IsEmpty)
        {
            error = $"--faults lists no fault kinds; for example --faults {Default}";
            return false;
        }

        return true;
    }
}
