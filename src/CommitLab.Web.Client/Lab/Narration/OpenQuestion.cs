using System.Text.RegularExpressions;

namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// The narration while a question about the run is open (a classroom poll, a lesson's prediction):
/// only what has happened, never why it matters or what comes next, because those clauses often are
/// the answer ("…so they are blocked, holding their locks"). The full lines return once the question
/// is answered or revealed.
/// </summary>
public static partial class OpenQuestion
{
    /// <summary>Said above the narration while it is held back.</summary>
    public const string Notice = "Question open — the narration resumes after you answer.";

    /// <summary>The lines cut down to what happened.</summary>
    public static IReadOnlyList<NarrationLine> Narration(IReadOnlyList<NarrationLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return [.. lines.Select(l => l.WhatHappened is null ? l : l with { Text = l.WhatHappened, WhatHappened = null })];
    }

    /// <summary>
    /// A Tahoe-LAFS trace line without its forecast: a send line names the tick the message will
    /// arrive, which is the future a prediction asks about.
    /// </summary>
    public static string TahoeLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Arrival().Replace(line, "");
    }

    [GeneratedRegex(@" \(arrives t=\d+\)")]
    private static partial Regex Arrival();
}
