using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Web.Lab.Roles;

/// <summary>
/// A Tahoe-LAFS run as a table: each writer's stage and the version it proposes, each storage
/// server's version, lock and staged share (or, in the magic folder, whose logs it keeps), and the
/// lost-update and servers-agree verdicts. What teaches here is the columns side by side: in the
/// uncoordinated mode the servers end on different writers' versions.
/// </summary>
public static class TahoeRoleTable
{
    public static RoleTable From(Simulator sim)
    {
        var settings = sim.Scenario.Tahoe!;
        var mode = TahoeModes.Of(sim.Scenario.Protocol);
        var names = sim.NodeNames;
        var rows = ImmutableArray.CreateBuilder<RoleRow>();
        for (var i = 0; i < settings.Writers; i++)
        {
            if (sim.Shown(i) is WriterState w)
            {
                var (stage, detail) = Describe(mode, w, settings.StartOf(names[i]));
                rows.Add(new RoleRow(names[i], sim.IsUp(i), [stage, detail, ""]));
            }
        }

        for (var i = settings.Writers; i < settings.Writers + settings.Servers; i++)
        {
            if (sim.Shown(i) is ServerState s)
            {
                var holds = mode == TahoeMode.MagicFolder
                    ? s.Logs.All(e => e is null) ? "no edits" : "logs: " + string.Join("+", s.Logs.Where(e => e is not null).Select(e => e!.Writer))
                    : s.Current.Label;
                var lockText = s.Lock is { } l ? $"locked for {l}" + (s.Staged is { } st ? $", staged {st.Label}" : "") : "";
                rows.Add(new RoleRow(names[i], sim.IsUp(i), ["server", holds, lockText]) { Status = s.Lock is { } held ? $"locked for {held}" : "holds " + holds });
            }
        }

        var verdict = TahoeVerdict.Of(sim.Scenario.Protocol, settings, names, sim);
        var agree = verdict.ServersAgree
            ? new RoleVerdict("ok", "✓", "Servers agree", "")
            : new RoleVerdict("bad", "✗", "Servers disagree", verdict.Disagreement ?? "");
        var lost = verdict.Lost.IsEmpty
            ? new RoleVerdict("ok", "✓", "No update lost", "")
            : new RoleVerdict("bad", "✗", $"Lost update: {string.Join(", ", verdict.Lost)}", "");
        return new RoleTable("What each node holds", ["stage", "version", "lock"], rows.ToImmutable(), [agree, lost], sim.Finished ? Outcome(verdict) : null);
    }

    /// <summary>The banner at the end of a run: its outcome in a few words, then the monitors' sentence.</summary>
    public static RoleVerdict Outcome(TahoeVerdict verdict) => verdict.Outcome switch
    {
        TahoeOutcome.LostUpdate => new("bad", "✗", "Lost update.", verdict.Explanation),
        TahoeOutcome.MixedVersions => new("bad", "✗", "Servers disagree.", verdict.Explanation),
        TahoeOutcome.ConflictVisible => new("warn", "!", "Conflict kept visible.", verdict.Explanation),
        TahoeOutcome.CleanAbort => new("ok", "✓", "Clean failure.", verdict.Explanation),
        TahoeOutcome.Undecided => new("warn", "…", "Not finished.", verdict.Explanation),
        _ => new("ok", "✓", "Every server on the same version.", verdict.Explanation),
    };

    private static (string Stage, string Detail) Describe(TahoeMode mode, WriterState w, long startsAt) => w.Stage switch
    {
        WriterPhase.Waiting => ("waiting", $"starts at {startsAt} ms"),
        WriterPhase.Reading => ("reading", $"try {w.Attempt}"),
        WriterPhase.Writing when mode == TahoeMode.MagicFolder => ("appending", "to its own log"),
        WriterPhase.Writing => ("writing", w.Proposed?.Label ?? ""),
        WriterPhase.Preparing => ("preparing", w.Proposed?.Label ?? ""),
        WriterPhase.Committing => ("committing", w.Proposed?.Label ?? ""),
        WriterPhase.Aborting => ("aborting", w.Refusal ?? ""),
        WriterPhase.Backoff => ("retrying", $"after: {w.Refusal}"),
        WriterPhase.Done when mode == TahoeMode.TwoPhase => ("committed", w.Proposed?.Label ?? ""),
        WriterPhase.Done => ("told: saved", w.Proposed?.Label ?? "its edit is in its log"),
        _ => ("aborted", "told: no can do"),
    };
}
