using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace CommitLab.Cli;

/// <summary>
/// How a fuzz session shows itself, whatever the protocol: live progress while it runs (a bar on a
/// terminal, a rewritten stderr line when only stderr is one, nothing otherwise), then the outcome
/// table, the speed and one replay line per finding.
/// </summary>
internal static class FuzzConsole
{
    /// <summary>The first line of every session: the seed comes first, since it is what repeats the session.</summary>
    public static void WriteSeeds(TextWriter o, ulong first, ulong last) =>
        o.WriteLine($"seed        {first.ToString(CultureInfo.InvariantCulture)} (runs use seeds {first.ToString(CultureInfo.InvariantCulture)} to {last.ToString(CultureInfo.InvariantCulture)})");

    /// <summary>Runs every run of the session with progress shown; returns the seconds it took.</summary>
    public static double RunAll(CliOutput output, bool json, FuzzSession session)
    {
        var clock = Stopwatch.StartNew();
        if (output.Interactive && !json)
        {
            output.Ansi().Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("fuzzing", maxValue: session.Runs);
                    session.RunAll(() => task.Increment(1));
                });
        }
        else if (output.ErrorInteractive)
        {
            // Output is going to a file or pipe but someone may be watching stderr: a plain line
            // rewritten in place, a few times a second rather than on every run.
            var lastShown = 0L;
            session.RunAll(() =>
            {
                if (clock.ElapsedMilliseconds - lastShown >= 250 || session.Done == session.Runs)
                {
                    lastShown = clock.ElapsedMilliseconds;
                    output.Error.Write($"\rfuzzing: {session.Done}/{session.Runs} runs, {session.Findings.Count} findings");
                }
            });
            output.Error.WriteLine();
        }
        else
        {
            session.RunAll(() => { });
        }

        clock.Stop();
        return Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
    }

    /// <summary>Runs per outcome: a table on a terminal, aligned plain columns otherwise (scripts read those).</summary>
    public static void WriteTotals(CliOutput output, bool json, FuzzSession session)
    {
        if (output.Interactive && !json)
        {
            var table = new Table().AddColumn("outcome").AddColumn(new TableColumn("runs").RightAligned());
            foreach (var (outcome, count) in session.Counts)
            {
                table.AddRow(outcome, count.ToString(CultureInfo.InvariantCulture));
            }

            if (session.Errors > 0)
            {
                table.AddRow("engine error", session.Errors.ToString(CultureInfo.InvariantCulture));
            }

            output.Ansi().Write(table);
            return;
        }

        // At least 12 wide, as 2PC's outcome names have always been printed; Tahoe's are longer.
        var width = Math.Max(12, session.Counts.Keys.Max(name => name.Length) + 1);
        output.Out.WriteLine($"{"outcome".PadRight(width)}{"runs",9}");
        foreach (var (outcome, count) in session.Counts)
        {
            output.Out.WriteLine($"{outcome.PadRight(width)}{count,9}");
        }

        if (session.Errors > 0)
        {
            output.Out.WriteLine($"{"engine error".PadRight(width)}{session.Errors,9}");
        }
    }

    /// <summary>The time line; returns runs per second for the JSON report.</summary>
    public static double WriteTime(TextWriter o, int runs, double seconds)
    {
        var perSecond = runs / seconds;
        o.WriteLine($"time        {RunCommand.Plural(runs, "run")} in {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s ({perSecond.ToString("0", CultureInfo.InvariantCulture)} runs/s)");
        return perSecond;
    }

    /// <summary>One line per finding with the command that replays it, then where the files are.</summary>
    public static void WriteFindings(TextWriter o, FuzzSession session)
    {
        foreach (var finding in session.Findings)
        {
            var replay = finding.Command is { } command ? command : "(repro not written: over the limit of " + FuzzSession.MaxReproFiles + " files)";
            o.WriteLine($"{finding.Kind} seed {finding.Seed.ToString(CultureInfo.InvariantCulture)}: {replay}  # {finding.Detail}");
        }

        if (session.Findings.Any(finding => finding.File is not null))
        {
            o.WriteLine($"Repro scenarios are in {session.OutDir}; each line above replays one run exactly.");
        }
    }
}
