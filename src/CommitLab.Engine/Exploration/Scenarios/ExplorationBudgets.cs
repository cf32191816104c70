using System.Collections.Immutable;

namespace CommitLab.Engine.Exploration.Scenarios;

/// <summary>
/// How many faults the explorer may choose along one path. Budgets keep the state space finite and
/// small enough to search, and name the question being asked: "with one crash, can 2PC block?".
/// </summary>
/// <param name="Crashes">Nodes crashed (any node, at any step).</param>
/// <param name="Recoveries">Crashed nodes brought back (from their durable log).</param>
/// <param name="Drops">Messages lost in flight.</param>
/// <param name="Cuts">Links cut, both ways (a cut link may be healed again, for free).</param>
public sealed record ExplorationBudgets(int Crashes = 0, int Recoveries = 0, int Drops = 0, int Cuts = 0)
{
    /// <summary>The most of any one fault the explorer takes: beyond it the space no longer fits a laptop.</summary>
    public const int MaxPerKind = 3;

    /// <summary>
    /// The nodes the crashes may strike, by name (L, P1, A2, ...); empty: any node. Asking "what if an
    /// acceptor crashes?" apart from "what if L crashes?" keeps each question's space small.
    /// </summary>
    public ImmutableArray<string> Crashable { get; init; } = [];

    /// <summary>The problems with these budgets, in words a user can act on (empty when they are fine).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, "--crashes", Crashes);
        Check(errors, "--recoveries", Recoveries);
        Check(errors, "--drops", Drops);
        Check(errors, "--cuts", Cuts);
        return errors;
    }

    /// <summary>The budgets as a student reads them: "1 crash, 1 drop".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        Add(parts, Crashes, "crash", "crashes");
        if (Crashes > 0 && !Crashable.IsDefaultOrEmpty)
        {
            parts[^1] += $" (of {string.Join(", ", Crashable)} only)";
        }

        Add(parts, Recoveries, "recovery", "recoveries");
        Add(parts, Drops, "drop", "drops");
        Add(parts, Cuts, "cut", "cuts");
        return parts.Count == 0 ? "no faults" : string.Join(", ", parts);
    }

    private static void Add(List<string> parts, int count, string one, string many)
    {
        if (count > 0)
        {
            parts.Add($"{count} {(count == 1 ? one : many)}");
        }
    }

    private static void Check(List<string> errors, string name, int value)
    {
        if (value is < 0 or > MaxPerKind)
        {
            errors.Add($"{name} must be between 0 and {MaxPerKind}, not {value}");
        }
    }
}
