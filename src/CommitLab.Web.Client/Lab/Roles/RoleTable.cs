using System.Collections.Immutable;
using CommitLab.Engine.Monitors;
using CommitLab.Engine.Simulation;

namespace CommitLab.Web.Lab.Roles;

/// <summary>One node's line in a <see cref="RoleTable"/>: its name, whether it runs, and what it holds.</summary>
public sealed record RoleRow(string Name, bool Up, ImmutableArray<string> Cells)
{
    /// <summary>The node's state in a word or two, drawn under it and on its card ("committed", "holds W1#2").</summary>
    public string Status { get; init; } = Cells.IsDefaultOrEmpty ? "" : Cells[0];

    /// <summary>What a screen reader hears for the row: the name, then every cell with its heading.</summary>
    public string Describe(ImmutableArray<string> headers) =>
        $"{Name}{(Up ? "" : " (crashed)")}: " + string.Join(", ", headers.Zip(Cells, (h, c) => $"{h} {c}"));
}

/// <summary>What the run's monitors conclude, in words and with a tone (ok, warn, bad) and an icon, so colour is never the only cue.</summary>
public sealed record RoleVerdict(string Tone, string Icon, string Headline, string Text);

/// <summary>
/// What a model whose roles carry more than a commit phase shows beside the run's outcome: a table
/// of what each node holds now (a Tahoe-LAFS server's version and lock, a writer's stage) and the
/// verdicts of the model's own monitors. Built from the same simulator as the rest of the frame, from
/// what the roles and monitors say of themselves, so no protocol needs a builder of its own.
/// </summary>
public sealed record RoleTable(string Caption, ImmutableArray<string> Headers, ImmutableArray<RoleRow> Rows, ImmutableArray<RoleVerdict> Verdicts, RoleVerdict? Outcome)
{
    /// <summary>The table for the model <paramref name="sim"/> runs, or null when its node cards already say everything (2PC, 3PC, Paxos Commit).</summary>
    public static RoleTable? For(Simulator sim)
    {
        var rows = ImmutableArray.CreateBuilder<RoleRow>();
        for (var node = 0; node < sim.NodeNames.Length; node++)
        {
            if (sim.Describe(node) is { } described)
            {
                rows.Add(new RoleRow(sim.NodeNames[node], sim.IsUp(node), described.Cells) { Status = described.Status });
            }
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var verdicts = sim.Monitors.Select(m => m.Reading).OfType<Reading>().Select(Verdict).ToImmutableArray();
        var outcome = sim.Finished && sim.Result().Summary is { } summary ? Verdict(summary) : null;
        return new RoleTable("What each node holds", sim.Aspects, rows.ToImmutable(), verdicts, outcome);
    }

    /// <summary>A reading with its tone and an icon, so colour is never the only cue.</summary>
    private static RoleVerdict Verdict(Reading reading) => reading.Tone switch
    {
        ReadingTone.Good => new("ok", "✓", reading.Headline, reading.Text),
        ReadingTone.Warning => new("warn", "!", reading.Headline, reading.Text),
        ReadingTone.Unfinished => new("warn", "…", reading.Headline, reading.Text),
        _ => new("bad", "✗", reading.Headline, reading.Text),
    };

    /// <summary>The state word for <paramref name="node"/>, or null when the table has no row for it.</summary>
    public string? StatusOf(string node) => Rows.FirstOrDefault(r => r.Name == node)?.Status;
}
