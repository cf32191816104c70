using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using Spectre.Console;

namespace CommitLab.Cli;

/// <summary>
/// <c>commitlab fuzz</c>: many runs with generated fault schedules (<see cref="FaultPlan"/>), run i
/// with seed S + i. Violations are findings, not failures: each is written as a scenario file
/// that <c>commitlab run</c> replays exactly.
/// </summary>
public static class FuzzCommand
{
    /// <summary>At most this many repro files per session: a broken configuration can violate on every run, and a million files help nobody.</summary>
    public const int MaxReproFiles = 1_000;

    public static Command Create(CliOutput output)
    {
        var protocol = new Option<string>("--protocol") { Description = "2pc or 3pc.", Required = true };
        var participants = new Option<int>("--participants") { Description = "Participants per run, 1 to 16.", Required = true };
        var runs = new Option<int>("--runs") { Description = "How many runs, 1 to 1,000,000.", Required = true };
        var detector = new Option<string>("--detector") { Description = "Failure detector: timeout or perfect.", DefaultValueFactory = _ => "timeout" };
        var faults = new Option<string>("--faults") { Description = $"Fault kinds to draw from, comma-separated: crash, recover, freeze, cut, partition, drop, delay, vote-no.", DefaultValueFactory = _ => FaultKinds.Default };
        var seed = new Option<ulong?>("--seed") { Description = "First seed; run i uses seed + i. Random (and printed) when left out." };
        var outDir = new Option<string>("--out") { Description = "Where repro scenario files are written.", DefaultValueFactory = _ => FuzzSettings.DefaultOutDir };
        var failOnViolation = new Option<bool>("--fail-on-violation") { Description = "Exit 1 when any violation (or engine error) was found, for CI." };
        var json = new Option<bool>("--json") { Description = "Also print the totals as one JSON object, on the last line." };
        var command = new Command("fuzz", "Run many scenarios with generated faults and report how they ended; every violation is saved as a scenario to replay.")
        {
            protocol, participants, runs, detector, faults, seed, outDir, failOnViolation, json,
        };
        command.SetAction(parsed =>
        {
            var settings = FuzzSettings.TryCreate(
                parsed.GetValue(protocol), parsed.GetValue(participants), parsed.GetValue(runs), parsed.GetValue(detector),
                parsed.GetValue(faults), parsed.GetValue(seed), parsed.GetValue(outDir), parsed.GetValue(failOnViolation),
                parsed.GetValue(json), out var errors);
            if (settings is null)
            {
                foreach (var error in errors)
                {
                    output.Error.WriteLine($"commitlab fuzz: {error}");
                }

                return ExitCode.BadInput;
            }

            return Execute(output, settings);
        });
        return command;
    }

    public static int Execute(CliOutput output, FuzzSettings settings)
    {
        var o = output.Out;
        var last = settings.SeedOf(settings.Runs - 1);
        o.WriteLine($"seed        {settings.Seed.ToString(CultureInfo.InvariantCulture)} (runs use seeds {settings.Seed.ToString(CultureInfo.InvariantCulture)} to {last.ToString(CultureInfo.InvariantCulture)})");
        o.WriteLine($"setup       {Names.Of(settings.Protocol)}, {RunCommand.Plural(settings.Participants, "participant")}, {Names.Of(settings.Detector)} detector, faults: {string.Join(", ", settings.Kinds.Select(FaultKinds.Name))}");

        var session = new Session(settings);
        var clock = Stopwatch.StartNew();
        if (output.Interactive && !settings.Json)
        {
            output.Ansi().Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("fuzzing", maxValue: settings.Runs);
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
                if (clock.ElapsedMilliseconds - lastShown >= 250 || session.Done == settings.Runs)
                {
                    lastShown = clock.ElapsedMilliseconds;
                    output.Error.Write($"\rfuzzing: {session.Done}/{settings.Runs} runs, {session.Findings.Count} findings");
                }
            });
            output.Error.WriteLine();
        }
        else
        {
            session.RunAll(() => { });
        }

        clock.Stop();
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        var perSecond = settings.Runs / seconds;
        WriteTotals(output, session);
        o.WriteLine($"time        {RunCommand.Plural(settings.Runs, "run")} in {seconds.ToString("0.00", CultureInfo.InvariantCulture)} s ({perSecond.ToString("0", CultureInfo.InvariantCulture)} runs/s)");
        o.WriteLine($"violations: {session.Counts[OutcomeNames.Of(RunOutcome.Violation)]}");
        if (session.Errors > 0)
        {
            o.WriteLine($"engine errors: {session.Errors}");
        }

        foreach (var finding in session.Findings)
        {
            var replay = finding.Command is { } command ? command : "(repro not written: over the limit of " + MaxReproFiles + " files)";
            o.WriteLine($"{finding.Kind} seed {finding.Seed.ToString(CultureInfo.InvariantCulture)}: {replay}  # {finding.Detail}");
        }

        if (session.Findings.Count > 0 && session.Findings.Any(finding => finding.File is not null))
        {
            o.WriteLine($"Repro scenarios are in {settings.OutDir}; each line above replays one run exactly.");
        }

        if (settings.Json)
        {
            o.WriteLine(Json.Serialize(new FuzzReport(
                settings.Seed, settings.Runs, Names.Of(settings.Protocol), settings.Participants, Names.Of(settings.Detector),
                [.. settings.Kinds.Select(FaultKinds.Name)], session.Counts, session.Errors, Math.Round(perSecond, 1), session.Findings)));
        }

        return settings.FailOnViolation && session.Findings.Count > 0 ? ExitCode.Failed : ExitCode.Ok;
    }

    private static void WriteTotals(CliOutput output, Session session)
    {
        if (output.Interactive && !session.Settings.Json)
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

        output.Out.WriteLine("outcome          runs");
        foreach (var (outcome, count) in session.Counts)
        {
            output.Out.WriteLine($"{outcome,-12}{count,9}");
        }

        if (session.Errors > 0)
        {
            output.Out.WriteLine($"{"engine error",-12}{session.Errors,9}");
        }
    }

    /// <summary>One fuzz session's runs and tallies.</summary>
    private sealed class Session(FuzzSettings settings)
    {
        public FuzzSettings Settings { get; } = settings;

        public Dictionary<string, int> Counts { get; } = FuzzReport.EmptyCounts();

        public List<FuzzFinding> Findings { get; } = [];

        public int Errors { get; private set; }

        public int Done { get; private set; }

        private int written;

        public void RunAll(Action afterEach)
        {
            var baseScenario = new Scenario
            {
                Protocol = Settings.Protocol,
                Participants = Settings.Participants,
                FailureDetector = Settings.Detector,
            };
            for (var i = 0; i < Settings.Runs; i++)
            {
                var seed = Settings.SeedOf(i);
                var scenario = baseScenario with
                {
                    Title = $"Fuzz run: {Names.Of(Settings.Protocol)}, {RunCommand.Plural(Settings.Participants, "participant")}, {Names.Of(Settings.Detector)} detector, seed {seed.ToString(CultureInfo.InvariantCulture)}",
                    Seed = seed,
                    Faults = FaultPlan.Generate(seed, Settings.Protocol, Settings.Participants, Settings.Kinds),
                };
                RunOne(scenario);
                Done = i + 1;
                afterEach();
            }
        }

        private void RunOne(Scenario scenario)
        {
            RunResult result;
            try
            {
                result = Simulator.Create(scenario).RunToEnd();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A generated plan the engine refuses, or the engine throwing, is a CommitLab bug:
                // keep the scenario that shows it, like a violation.
                Errors++;
                Record(scenario, "error", $"{e.GetType().Name}: {e.Message}");
                return;
            }

            Counts[OutcomeNames.Of(result.Outcome)]++;
            if (result.Outcome == RunOutcome.Violation)
            {
                Record(scenario, "violation", result.Violations.IsEmpty ? "violation" : string.Join("; ", result.Violations));
            }
        }

        private void Record(Scenario scenario, string kind, string detail)
        {
            var oneLine = detail.ReplaceLineEndings(" ");
            string? file = null;
            if (written < MaxReproFiles)
            {
                var name = $"{Names.Of(Settings.Protocol)}-{Settings.Participants}p-{Names.Of(Settings.Detector)}-seed-{scenario.Seed.ToString(CultureInfo.InvariantCulture)}.yaml";
                file = Path.Combine(Settings.OutDir, name);
                Directory.CreateDirectory(Settings.OutDir);
                var header =
                    $"# Found by commitlab fuzz --protocol {Names.Of(Settings.Protocol)} --participants {Settings.Participants} " +
                    $"--detector {Names.Of(Settings.Detector)} --faults {string.Join(",", Settings.Kinds.Select(FaultKinds.Name))} --seed {scenario.Seed.ToString(CultureInfo.InvariantCulture)} --runs 1\n" +
                    $"# {kind}: {oneLine}\n";
                File.WriteAllText(file, header + ScenarioWriter.ToYaml(scenario));
                written++;
            }

            Findings.Add(new FuzzFinding(scenario.Seed, kind, oneLine, file));
        }
    }
}
