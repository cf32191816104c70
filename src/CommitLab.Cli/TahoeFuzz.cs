using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// <c>commitlab fuzz --protocol tahoe</c>: many random Tahoe runs, run i drawn by
/// <see cref="TahoeFaultPlan"/> from seed S + i, the generator the Tahoe property tests use. Outcomes
/// are counted per kind; a run that breaks its mode's promise (<see cref="TahoePromise"/>) is a
/// violation and is saved as a scenario file that <c>commitlab run</c> replays exactly.
/// </summary>
public static class TahoeFuzz
{
    /// <summary>
    /// Uncoordinated writers lose an update in a large share of runs; a few replayable examples show
    /// it, thousands of files would bury the output.
    /// </summary>
    public const int MaxExpectedExamples = 10;

    public static int Execute(CliOutput output, TahoeFuzzSettings settings)
    {
        var o = output.Out;
        var mode = TahoeModes.Name(settings.Mode);
        FuzzConsole.WriteSeeds(o, settings.Seed, settings.SeedOf(settings.Runs - 1));
        o.WriteLine($"setup       tahoe {mode}, {RunCommand.Plural(settings.Writers, "writer")}, {RunCommand.Plural(settings.Servers, "server")}; " +
            $"each run draws its latency, loss (up to 20%), start ticks and up to {TahoeFaultPlan.MaxPicks} faults (crashes that recover, cuts that heal, dropped messages)");
        o.WriteLine($"promise     {mode}: {TahoePromise.Describe(settings.Mode)}");

        var session = new Session(settings);
        var seconds = FuzzConsole.RunAll(output, settings.Json, session);
        FuzzConsole.WriteTotals(output, settings.Json, session);
        var perSecond = FuzzConsole.WriteTime(o, settings.Runs, seconds);
        o.WriteLine($"violations: {session.Violations}");
        if (settings.Mode == TahoeMode.Uncoordinated)
        {
            var examples = Math.Min(session.Expected, MaxExpectedExamples);
            o.WriteLine($"expected lost updates: {session.Expected} (uncoordinated promises nothing: these are the finding this mode is shown for, not failures" +
                (examples > 0 ? $"; the first {examples} are saved to replay)" : ")"));
        }

        if (session.Errors > 0)
        {
            o.WriteLine($"engine errors: {session.Errors}");
        }

        FuzzConsole.WriteFindings(o, session);
        if (settings.Json)
        {
            o.WriteLine(Json.Serialize(new TahoeFuzzReport(
                settings.Seed, settings.Runs, "tahoe", mode, settings.Writers, settings.Servers, TahoePromise.Describe(settings.Mode),
                session.Counts, session.Violations, session.Expected, session.Errors, Math.Round(perSecond, 1), session.Findings)));
        }

        return settings.FailOnViolation && (session.Violations > 0 || session.Errors > 0) ? ExitCode.Failed : ExitCode.Ok;
    }

    /// <summary>One Tahoe fuzz session: run i is <see cref="TahoeFaultPlan.Generate"/> of seed S + i.</summary>
    private sealed class Session(TahoeFuzzSettings settings) : FuzzSession(settings.Runs, settings.OutDir, TahoeFuzzReport.EmptyCounts())
    {
        public int Violations { get; private set; }

        public int Expected { get; private set; }

        protected override void RunOne(int index)
        {
            var scenario = TahoeFaultPlan.Generate(settings.SeedOf(index), settings.Mode, settings.Writers, settings.Servers);
            if (Guard(() => TahoeSimulator.Create(scenario).RunToEnd(), error => Keep(scenario, "error", error)) is not { } result)
            {
                return;
            }

            Counts[TahoeOutcomes.Name(result.Outcome)]++;
            if (TahoePromise.IsViolation(settings.Mode, result))
            {
                Violations++;
                Keep(scenario, TahoeOutcomes.Name(result.Outcome), result.Verdict.Explanation);
            }
            else if (TahoePromise.IsExpectedFinding(settings.Mode, result) && ++Expected <= MaxExpectedExamples)
            {
                Keep(scenario, "expected-lost-update", result.Verdict.Explanation);
            }
        }

        private void Keep(TahoeScenario scenario, string kind, string detail) => Record(
            scenario.Seed,
            kind,
            detail,
            $"tahoe-{TahoeModes.Name(settings.Mode)}-{settings.Writers}w-{settings.Servers}s-seed-{Seed(scenario.Seed)}.yaml",
            $"# Found by commitlab fuzz --protocol tahoe --mode {TahoeModes.Name(settings.Mode)} --writers {settings.Writers} --servers {settings.Servers} --seed {Seed(scenario.Seed)} --runs 1\n",
            () => TahoeScenarioWriter.ToYaml(scenario));
    }
}
