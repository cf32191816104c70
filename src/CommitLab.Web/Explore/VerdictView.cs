using CommitLab.Engine.Exploration;

namespace CommitLab.Web.Explore;

/// <summary>One property's verdict in words a student reads, and its counterexample as numbered steps.</summary>
public sealed record VerdictView(string Name, string Title, string Description, Verdict Verdict, string Text, IReadOnlyList<string> Steps, Counterexample? Counterexample = null)
{
    public static VerdictView From(PropertyVerdict verdict, long distinctStates)
    {
        var title = Titles.GetValueOrDefault(verdict.Name, verdict.Name);
        var where = verdict.Kind == PropertyKind.Invariant ? "reachable state" : "state where the run can go no further";
        var text = verdict.Verdict switch
        {
            Verdict.Holds => $"Holds: checked in every {where} ({distinctStates:N0} states searched), and never broken.",
            Verdict.Violated => $"Violated: a run breaks it after {verdict.Counterexample!.Length} step{(verdict.Counterexample.Length == 1 ? "" : "s")}. The shortest such run is below.",
            _ => "Unknown: the search stopped at its state limit before it could tell. Nothing broke it in the states it saw.",
        };
        var steps = verdict.Counterexample is { } path
            ? path.Steps.Select((step, i) => step.Action is null ? $"Start: {step.State}" : $"{step.Action} → {step.State}").ToList()
            : [];
        return new VerdictView(verdict.Name, title, verdict.Description, verdict.Verdict, text, steps, verdict.Counterexample);
    }

    private static readonly Dictionary<string, string> Titles = new()
    {
        ["atomicity"] = "Atomicity",
        ["validity"] = "Validity",
        ["nonblocking"] = "Nonblocking",
        ["typeOK"] = "Type correctness",
        // The ways to block (ScenarioModel.WaysToBlock), told apart by what L's log holds.
        ["blocked-undecided"] = "Never blocked while L is undecided",
        ["blocked-commit"] = "Never blocked once L has logged COMMIT",
        ["blocked-abort"] = "Never blocked once L has logged ABORT",
    };

    public string VerdictWord => Verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Violated => "violated",
        _ => "unknown",
    };
}
