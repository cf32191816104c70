using System.CommandLine;
using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// <c>commitlab fuzz</c>: many runs with generated fault schedules (<see cref="FaultPlan"/>), run i
/// with seed S + i. Violations are findings, not failures: each is written as a scenario file
/// that <c>commitlab run</c> replays exactly. <c>--protocol tahoe</c> hands over to <see cref="TahoeFuzz"/>.
/// </summary>
public static class FuzzCommand
{
    public static Command Create(CliOutput output)
    {
        var protocol = new Option<string>("--protocol") { Description = "2pc, 3pc or tahoe.", Required = true };
        var participants = new Option<int?>("--participants") { Description = "2pc and 3pc: participants per run, 1 to 16 (required)." };
        var runs = new Option<int>("--runs") { Description = "How many runs, 1 to 1,000,000.", Required = true };
        var detector = new Option<string>("--detector") { Description = "2pc and 3pc: failure detector, timeout or perfect.", DefaultValueFactory = _ => "timeout" };
        var faults = new Option<string>("--faults") { Description = $"2pc and 3pc: fault kinds to draw from, comma-separated: crash, recover, freeze, cut, partition, drop, delay, vote-no.", DefaultValueFactory = _ => FaultKinds.Default };
        var mode = new Option<string?>("--mode") { Description = "tahoe: how the writers coordinate, 2pc, uncoordinated or magic-folder (default 2pc)." };
        var writers = new Option<int?>("--writers") { Description = $"tahoe: writers per run, {TahoeScenario.MinWriters} to {TahoeScenario.MaxWriters} (default {TahoeFuzzSettings.DefaultWriters})." };
        var servers = new Option<int?>("--servers") { Description = $"tahoe: storage servers per run, 1 to {TahoeScenario.MaxServers} (default {TahoeFuzzSettings.DefaultServers})." };
        var seed = new Option<ulong?>("--seed") { Description = "First seed; run i uses seed + i. Random (and printed) when left out." };
        var outDir = new Option<string>("--out") { Description = "Where repro scenario files are written.", DefaultValueFactory = _ => FuzzSettings.DefaultOutDir };
        var failOnViolation = new Option<bool>("--fail-on-violation") { Description = "Exit 1 when any violation (or engine error) was found, for CI." };
        var json = new Option<bool>("--json") { Description = "Also print the totals as one JSON object, on the last line." };
        var command = new Command("fuzz", "Run many scenarios with generated faults and report how they ended; every violation is saved as a scenario to replay.")
        {
            protocol, participants, runs, detector, faults, mode, writers, servers, seed, outDir, failOnViolation, json,
        };
        command.SetAction(parsed =>
        {
            // Options of the other kind of run would be silently ignored; say so instead.
            var tahoe = string.Equals(parsed.GetValue(protocol)?.Trim(), "tahoe", StringComparison.OrdinalIgnoreCase);
            Option[] foreign = tahoe ? [participants, detector, faults] : [mode, writers, servers];
            var errors = foreign
                .Where(option => parsed.GetResult(option) is { Implicit: false })
                .Select(option => tahoe
                    ? $"{option.Name} is for --protocol 2pc and 3pc; a Tahoe run takes --mode, --writers and --servers"
                    : $"{option.Name} is for --protocol tahoe")
                .ToList();
            List<string> settingErrors;
            Func<int>? execute;
            if (tahoe)
            {
                var settings = TahoeFuzzSettings.TryCreate(
                    parsed.GetValue(mode), parsed.GetValue(writers), parsed.GetValue(servers), parsed.GetValue(runs), parsed.GetValue(seed),
                    parsed.GetValue(outDir), parsed.GetValue(failOnViolation), parsed.GetValue(json), out settingErrors);
                execute = settings is null ? null : () => TahoeFuzz.Execute(output, settings);
            }
            else
            {
                var settings = FuzzSettings.TryCreate(
                    parsed.GetValue(protocol), parsed.GetValue(participants), parsed.GetValue(runs), parsed.GetValue(detector),
                    parsed.GetValue(faults), parsed.GetValue(seed), parsed.GetValue(outDir), parsed.GetValue(failOnViolation),
                    parsed.GetValue(json), out settingErrors);
                execute = settings is null ? null : () => Execute(output, settings);
            }

            errors.AddRange(settingErrors);
            if (errors.Count > 0 || execute is null)
            {
                foreach (var error in errors)
                {
                    output.Error.WriteLine($"commitlab fuzz: {error}");
                }

                return ExitCode.BadInput;
            }

            return execute();
        });
        return command;
    }

    public static int Execute(CliOutput output, FuzzSettings settings)
    {
        var o = output.Out;
        FuzzConsole.WriteSeeds(o, settings.Seed, settings.SeedOf(settings.Runs - 1));
        o.WriteLine($"setup       {Names.Of(settings.Protocol)}, {RunCommand.Plural(settings.Participants, "participant")}, {Names.Of(settings.Detector)} detector, faults: {string.Join(", ", settings.Kinds.Select(FaultKinds.Name))}");

        var session = new Session(settings);
        var seconds = FuzzConsole.RunAll(output, settings.Json, session);
        FuzzConsole.WriteTotals(output, settings.Json, session);
        var perSecond = FuzzConsole.WriteTime(o, settings.Runs, seconds);
        o.WriteLine($"violations: {session.Counts[OutcomeNames.Of(RunOutcome.Violation)]}");
        if (session.Errors > 0)
        {
            o.WriteLine($"engine errors: {session.Errors}");
        }

        FuzzConsole.WriteFindings(o, session);
        if (settings.Json)
        {
            o.WriteLine(Json.Serialize(new FuzzReport(
                settings.Seed, settings.Runs, Names.Of(settings.Protocol), settings.Participants, Names.Of(settings.Detector),
                [.. settings.Kinds.Select(FaultKinds.Name)], session.Counts, session.Errors, Math.Round(perSecond, 1), session.Findings)));
        }

        return settings.FailOnViolation && session.Findings.Count > 0 ? ExitCode.Failed : ExitCode.Ok;
    }

    /// <summary>One 2PC/3PC fuzz session: run i is the base configuration with seed S + i and that seed's <see cref="FaultPlan"/>.</summary>
    private sealed class Session(FuzzSettings settings) : FuzzSession(settings.Runs, settings.OutDir, FuzzReport.EmptyCounts())
    {
        private readonly Scenario baseScenario = new()
        {
            Protocol = settings.Protocol,
            Participants = settings.Participants,
            FailureDetector = settings.Detector,
        };

        protected override void RunOne(int index)
        {
            var seed = settings.SeedOf(index);
            var scenario = baseScenario with
            {
                Title = $"Fuzz run: {Names.Of(settings.Protocol)}, {RunCommand.Plural(settings.Participants, "participant")}, {Names.Of(settings.Detector)} detector, seed {Seed(seed)}",
                Seed = seed,
                Faults = FaultPlan.Generate(seed, settings.Protocol, settings.Participants, settings.Kinds),
            };
            if (Guard(() => Simulator.Create(scenario).RunToEnd(), error => Keep(scenario, "error", error)) is not { } result)
            {
                return;
            }

            Counts[OutcomeNames.Of(result.Outcome)]++;
            if (result.Outcome == RunOutcome.Violation)
            {
                Keep(scenario, "violation", result.Violations.IsEmpty ? "violation" : string.Join("; ", result.Violations));
            }
        }

        private void Keep(Scenario scenario, string kind, string detail) => Record(
            scenario.Seed,
            kind,
            detail,
            $"{Names.Of(settings.Protocol)}-{settings.Participants}p-{Names.Of(settings.Detector)}-seed-{Seed(scenario.Seed)}.yaml",
            $"# Found by commitlab fuzz --protocol {Names.Of(settings.Protocol)} --participants {settings.Participants} " +
            $"--detector {Names.Of(settings.Detector)} --faults {string.Join(",", settings.Kinds.Select(FaultKinds.Name))} --seed {Seed(scenario.Seed)} --runs 1\n",
            () => ScenarioWriter.ToYaml(scenario));
    }
}
