using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// The words of a comparison, from the engine's own results: a neutral caption per side while it runs
/// (how far it got, never where it is heading) and, once both have ended, one line with the difference,
/// e.g. "2PC: P1–P3 blocked holding locks; 3PC, perfect detector: all aborted at 1,240 ms".
/// </summary>
public static class CompareVerdict
{
    /// <summary>What a side's caption says: while running only counts that any frame shows; once ended, when.</summary>
    public static string Caption(LabFrame side)
    {
        ArgumentNullException.ThrowIfNull(side);
        var s = side.Snapshot;
        var messages = $"{N(s.MessagesSent)} message{(s.MessagesSent == 1 ? "" : "s")} sent";
        if (s.Finished)
        {
            return $"Ended at {N(s.Tick)} ms; {messages}.";
        }

        return side.Standstill is not null
            ? $"Stands still; {messages}."
            : $"Running; {messages} so far.";
    }

    /// <summary>The difference line: each side's name and how it ended, in the order shown.</summary>
    public static string Difference(string leftName, RunResult left, Snapshot leftAt, string rightName, RunResult right, Snapshot rightAt)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        var l = Ending(left, leftAt);
        var r = Ending(right, rightAt);
        return $"{leftName}: {l}; {rightName}: {r}";
    }

    /// <summary>How one run ended, as its result says.</summary>
    public static string Ending(RunResult result, Snapshot at)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(at);
        var everyone = at.Nodes.Where(n => n.Role == "participant").All(n => n.Up) ? "all" : "every live participant";
        return result.Outcome switch
        {
            RunOutcome.Committed => $"{everyone} committed at {N(result.Ticks)} ms",
            RunOutcome.Aborted => $"{everyone} aborted at {N(result.Ticks)} ms",
            RunOutcome.Blocked => $"{Range(result.Blocked)} blocked holding locks",
            RunOutcome.Violation => $"atomicity violated: {Range(Deciding(result, Outcome.Commit))} committed, {Range(Deciding(result, Outcome.Abort))} aborted",
            _ => result.HoldingLocks.IsEmpty ? "undecided" : $"{Range(result.HoldingLocks)} undecided, holding locks",
        };
    }

    /// <summary>"P1–P3" for three or more participants in a row, else a plain list ("L, P1", "P2").</summary>
    public static string Range(IReadOnlyList<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (nodes.Count == 0)
        {
            return "nobody";
        }

        var numbers = nodes.Select(n => n.Length > 1 && n[0] == 'P' && int.TryParse(n[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1).ToList();
        var consecutive = numbers.All(i => i > 0) && numbers.Zip(numbers.Skip(1)).All(pair => pair.Second == pair.First + 1);
        return consecutive && nodes.Count >= 3 ? $"{nodes[0]}–{nodes[^1]}" : string.Join(", ", nodes);
    }

    private static List<string> Deciding(RunResult result, Outcome outcome) =>
        result.Decisions.Where(d => d.Value == outcome).Select(d => d.Key).OrderBy(n => n == "L" ? 0 : 1).ThenBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
