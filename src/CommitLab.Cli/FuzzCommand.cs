using System.CommandLine;
using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// <c>commitlab fuzz</c>: many runs with generated faults (<see cref="FaultPlan"/>), run i with seed
/// S + i, for 2PC, 3PC and the Tahoe-LAFS models alike. Each run is judged by its protocol's promise
/// (<see cref="FuzzPromise"/>), read from the run's own monitors. Violations are findings, not
/// failures: each is written as a scenario file that <c>commitlab run</c> replays exactly.
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
        var writers = new Option<int?>("--writers") { Description = $"tahoe: writers per run, {TahoeSettings.MinWriters} to {TahoeSettings.MaxWriters} (default {FuzzSettings.DefaultWriters})." };
        var servers = new Option<int?>("--servers") { Description = $"tahoe: storage servers per run, 1 to {TahoeSettings.MaxServers} (default {FuzzSettings.DefaultServers})." };
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
            var tahoe = FuzzSettings.IsTahoeProtocol(parsed.GetValue(protocol));
            Option[] foreign = tahoe ? [participants, detector, faults] : [mode, writers, servers];
            var errors = foreign
                .Where(option => parsed.GetResult(option) is { Implicit: false })
                .Select(option => tahoe
                    ? $"{option.Name} is for --protocol 2pc and 3pc; a Tahoe run takes --mode, --writers and --servers"
                    : $"{option.Name} is for --protocol tahoe")
                .ToList();
            var settings = FuzzSettings.TryCreate(
                parsed.GetValue(protocol), parsed.GetValue(participants), parsed.GetValue(runs), parsed.GetValue(detector), parsed.GetValue(faults),
                parsed.GetValue(mode), parsed.GetValue(writers), parsed.GetValue(servers), parsed.GetValue(seed), parsed.GetValue(outDir),
                parsed.GetValue(failOnViolation), parsed.GetValue(json), out var settingErrors);
            errors.AddRange(settingErrors);
            if (errors.Count > 0 || settings is null)
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
        var promise = FuzzPromise.For(settings.Protocol);
        FuzzConsole.WriteSeeds(o, settings.Seed, settings.SeedOf(settings.Runs - 1));
        o.WriteLine($"setup       {settings.Setup}");
        if (promise.Description is { } described)
        {
            o.WriteLine($"promise     {settings.Mode}: {described}");
        }

        var session = new Session(settings, promise);
        var seconds = FuzzConsole.RunAll(output, settings.Json, session);
        FuzzConsole.WriteTotals(output, settings.Json, session);
        var perSecond = FuzzConsole.WriteTime(o, settings.Runs, seconds);
        o.WriteLine($"violations: {session.Violations}");
        if (promise.Shown is not null)
        {
            var examples = Math.Min(session.Expected, FuzzPromise.MaxExpectedExamples);
            o.WriteLine($"expected lost updates: {session.Expected} ({settings.Mode} promises nothing: these are the finding this mode is shown for, not failures" +
                (examples > 0 ? $"; the first {examples} are saved to replay)" : ")"));
        }

        if (session.Errors > 0)
        {
            o.WriteLine($"engine errors: {session.Errors}");
        }

        FuzzConsole.WriteFindings(o, session);
        if (settings.Json)
        {
            o.WriteLine(Json.Serialize(settings.IsTahoe
                ? new FuzzReport(
                    settings.Seed, settings.Runs, "tahoe", null, null, null, settings.Mode, settings.Writers, settings.Servers, promise.Description,
                    session.Counts, session.Violations, session.Expected, session.Errors, Math.Round(perSecond, 1), session.Findings)
                : new FuzzReport(
                    settings.Seed, settings.Runs, Names.Of(settings.Protocol), settings.Participants, Names.Of(settings.Detector), [.. settings.Kinds.Select(FaultKinds.Name)],
                    null, null, null, null, session.Counts, null, null, session.Errors, Math.Round(perSecond, 1), session.Findings)));
        }

        return settings.FailOnViolation && (session.Violations > 0 || session.Errors > 0) ? ExitCode.Failed : ExitCode.Ok;
    }

    /// <summary>
    /// One fuzz session: run i is the configuration with seed S + i and that seed's generated faults
    /// (<see cref="FaultPlan.Generate"/>, or for Tahoe-LAFS the whole run from <see cref="FaultPlan.GenerateTahoe"/>),
    /// run on the one simulator and judged by the promise.
    /// </summary>
    private sealed class Session(FuzzSettings settings, FuzzPromise promise) : FuzzSession(settings.Runs, settings.OutDir, FuzzReport.EmptyCounts(settings.IsTahoe))
    {
        private readonly Scenario baseScenario = new()
        {
            Protocol = settings.Protocol,
            Participants = settings.Participants,
            FailureDetector = settings.Detector,
        };

        /// <summary>Runs that broke the promise.</summary>
        public int Violations { get; private set; }

        /// <summary>Runs that broke a property nobody promised (uncoordinated Tahoe writers losing an update).</summary>
        public int Expected { get; private set; }

        protected override void RunOne(int index)
        {
            var scenario = Generate(settings.SeedOf(index));
            // Simulator.Run: the session needs only each run's result (its broken monitors included),
            // so every run reuses the memory of the one before.
            if (Guard(() => Simulator.Run(scenario), error => Keep(scenario, "error", error)) is not { } result)
            {
                return;
            }

            Counts[FuzzReport.OutcomeName(result)]++;
            if (promise.IsBroken(result))
            {
                Violations++;
                Keep(scenario, FuzzReport.OutcomeName(result), Detail(result));
            }
            else if (promise.IsExpectedFinding(result) && ++Expected <= FuzzPromise.MaxExpectedExamples)
            {
                Keep(scenario, "expected-lost-update", Detail(result));
            }
        }

        private Scenario Generate(ulong seed) => settings.IsTahoe
            ? FaultPlan.GenerateTahoe(seed, settings.Protocol, settings.Writers, settings.Servers)
            : baseScenario with
            {
                Title = $"Fuzz run: {Names.Of(settings.Protocol)}, {RunCommand.Plural(settings.Participants, "participant")}, {Names.Of(settings.Detector)} detector, seed {Seed(seed)}",
                Seed = seed,
                Faults = FaultPlan.Generate(seed, settings.Protocol, settings.Participants, settings.Kinds),
            };

        /// <summary>What went wrong, in a line: a Tahoe run's verdict, or the commit monitors' violations.</summary>
        private static string Detail(RunResult result) =>
            result.Tahoe?.Explanation ?? (result.Violations.IsEmpty ? "violation" : string.Join("; ", result.Violations));

        private void Keep(Scenario scenario, string kind, string detail) => Record(
            scenario.Seed,
            kind,
            detail,
            settings.ReproName(scenario.Seed),
            $"# Found by commitlab fuzz {settings.Options(scenario.Seed)}\n",
            () => ScenarioWriter.ToYaml(scenario));
    }
}
