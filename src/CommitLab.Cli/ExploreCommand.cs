using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CommitLab.Engine.Exploration;
using CommitLab.Engine.Exploration.Scenarios;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Cli;

/// <summary>
/// <c>commitlab explore --model twophase-tla --rms 5</c>: every reachable state of a reference model
/// from the literature, with TLC's counts and a verdict per property; each violation is shown as its
/// shortest path from the initial state. <c>commitlab explore FILE --crashes 1 --drops 1 [--cuts 1]</c>
/// does the same for a scenario's real protocol roles, and writes each counterexample as a scenario
/// file that <c>commitlab run</c> and the Lab play.
/// </summary>
public static class ExploreCommand
{
    /// <summary>The properties every report names, in this order; the models also check <c>typeOK</c>.</summary>
    public static readonly IReadOnlyList<string> ReportedProperties = ["atomicity", "validity", "nonblocking"];

    /// <summary>A scenario's states are objects, not one word: 5 million keeps a search of one under about 1 GB.</summary>
    public const long ScenarioMaxStates = 5_000_000;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(CliOutput output)
    {
        var file = new Argument<string?>("file") { Description = "A scenario YAML file whose protocol roles to explore (instead of --model).", Arity = ArgumentArity.ZeroOrOne };
        var model = new Option<string?>("--model") { Description = $"A reference model instead of a file: {string.Join(" or ", ReferenceModels.Names)} (Lamport's TwoPhase.tla and TCommit.tla)." };
        var rms = new Option<int>("--rms") { Description = $"Resource managers of a reference model, {ReferenceModels.MinRms} to {ReferenceModels.MaxRms}.", DefaultValueFactory = _ => 3 };
        var crashes = new Option<int>("--crashes") { Description = $"With a file: node crashes the explorer may choose, 0 to {ExplorationBudgets.MaxPerKind}." };
        var recoveries = new Option<int>("--recoveries") { Description = "With a file: recoveries of crashed nodes it may choose." };
        var drops = new Option<int>("--drops") { Description = "With a file: messages it may lose." };
        var cuts = new Option<int>("--cuts") { Description = "With a file: links it may cut (both ways; healing is free)." };
        var outDir = new Option<string>("--out") { Description = "With a file: the folder where each counterexample's scenario file is written.", DefaultValueFactory = _ => "." };
        var maxStates = new Option<long?>("--max-states") { Description = $"Stop after this many distinct states (default {ExplorerOptions.DefaultMaxStates:N0} for a model, about 40 bytes each; {ScenarioMaxStates:N0} for a file, whose states take about 200 bytes while they wait to be expanded)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads; the results do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var symmetry = new Option<bool>("--symmetry") { Description = "Also count states up to renaming the RMs or participants (a second search)." };
        var collisions = new Option<bool>("--check-collisions") { Description = "Keep every full state too and count fingerprint collisions (more memory)." };
        var json = new Option<bool>("--json") { Description = "Also print the totals as one JSON object, on the last line." };
        var command = new Command("explore", "Check every reachable state of a reference model, or of a scenario's protocol within fault budgets, and report each property's verdict. Exit 0: every property holds; 1: one is violated; 2: bad input or a search cut short.")
        {
            file, model, rms, crashes, recoveries, drops, cuts, outDir, maxStates, threads, symmetry, collisions, json,
        };
        command.SetAction(parsed =>
        {
            var errors = new List<string>();
            var path = parsed.GetValue(file);
            var modelName = parsed.GetValue(model);
            var options = new ExplorerOptions
            {
                MaxStates = parsed.GetValue(maxStates) ?? (path is null ? ExplorerOptions.DefaultMaxStates : ScenarioMaxStates),
                Parallelism = parsed.GetValue(threads),
                Symmetry = parsed.GetValue(symmetry),
                CheckCollisions = parsed.GetValue(collisions),
            };
            if (options.MaxStates < 1)
            {
                errors.Add($"--max-states must be at least 1, not {options.MaxStates}");
            }

            if (options.Parallelism is < 1 or > 256)
            {
                errors.Add($"--threads must be between 1 and 256, not {options.Parallelism}");
            }

            if ((path is null) == (modelName is null))
            {
                errors.Add("give either a scenario FILE or --model (twophase-tla or tcommit-tla), not both or neither");
                return Refuse(output, errors);
            }

            if (path is not null)
            {
                var budgets = new ExplorationBudgets(parsed.GetValue(crashes), parsed.GetValue(recoveries), parsed.GetValue(drops), parsed.GetValue(cuts));
                errors.AddRange(budgets.Validate());
                if (errors.Count > 0)
                {
                    return Refuse(output, errors);
                }

                return ExecuteScenario(output, path, budgets, options, parsed.GetValue(json), parsed.GetValue(outDir)!);
            }

            var built = ReferenceModels.TryCreate(modelName, parsed.GetValue(rms), out var modelError);
            if (modelError is not null)
            {
                errors.Add(modelError);
            }

            if (errors.Count > 0 || built is null)
            {
                return Refuse(output, errors);
            }

            return Execute(output, built, parsed.GetValue(rms), options, parsed.GetValue(json));
        });
        return command;
    }

    private static int Refuse(CliOutput output, List<string> errors)
    {
        foreach (var error in errors)
        {
            output.Error.WriteLine($"commitlab explore: {error}");
        }

        return ExitCode.BadInput;
    }

    /// <summary>Explores a scenario's protocol roles within <paramref name="budgets"/>; each counterexample becomes a scenario file in <paramref name="outDir"/>.</summary>
    public static int ExecuteScenario(CliOutput output, string path, ExplorationBudgets budgets, ExplorerOptions options, bool json, string outDir, CancellationToken cancellation = default)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioParser.ParseFile(path);
        }
        catch (ScenarioException e)
        {
            return RunCommand.Refuse(output, path, e);
        }

        if (ScenarioModel.Problems(scenario, budgets) is { Count: > 0 } problems)
        {
            return Refuse(output, [.. problems.Select(problem => $"{path}: {problem}")]);
        }

        var model = ScenarioModel.Create(scenario, budgets);
        var stem = Path.GetFileNameWithoutExtension(path);
        return Report(output, model, $"{model.Name} ({path})", scenario.Participants, options, json, verdict =>
        {
            // The explorer's path, played in the simulator and written down so that `commitlab run` and the Lab play it.
            var replay = CounterexampleReplay.Replay(model, verdict.Name, verdict.Counterexample!);
            if (!replay.Reproduced)
            {
                output.Out.WriteLine($"  (not written as a scenario: {replay.Problem})");
                return null;
            }

            Directory.CreateDirectory(outDir);
            var written = Path.Combine(outDir, $"{stem}-{verdict.Name}.yaml");
            File.WriteAllText(written, $"# Found by: commitlab explore {path} {BudgetFlags(budgets)}\n# The shortest path to a state where {verdict.Name} fails, replayed in the simulator.\n" + replay.Yaml);
            output.Out.WriteLine($"  scenario written: {written}");
            output.Out.WriteLine($"  watch it: commitlab run {written}");
            return written;
        }, cancellation);
    }

    /// <summary>Explores <paramref name="model"/> and prints the report; tests call it with models the command line does not offer.</summary>
    public static int Execute(CliOutput output, IModel<ulong> model, int rms, ExplorerOptions options, bool json, CancellationToken cancellation = default) =>
        Report(output, model, $"{model.Name}, {RunCommand.Plural(rms, "RM")}", rms, options, json, null, cancellation);

    private static string BudgetFlags(ExplorationBudgets budgets) =>
        string.Join(" ", new[] { ("--crashes", budgets.Crashes), ("--recoveries", budgets.Recoveries), ("--drops", budgets.Drops), ("--cuts", budgets.Cuts) }
            .Where(flag => flag.Item2 > 0).Select(flag => $"{flag.Item1} {flag.Item2}"));

    private static int Report<TState>(
        CliOutput output,
        IModel<TState> model,
        string header,
        int rms,
        ExplorerOptions options,
        bool json,
        Func<PropertyVerdict, string?>? writeScenario,
        CancellationToken cancellation)
        where TState : struct, IEquatable<TState>
    {
        var o = output.Out;
        o.WriteLine($"model       {header}, {RunCommand.Plural(options.Parallelism, "thread")}");
        var result = Explorer.Explore(model, options, ProgressLine(output), cancellation);
        if (output.ErrorInteractive)
        {
            output.Error.WriteLine();
        }

        var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
        o.WriteLine($"states      {N(result.DistinctStates)} distinct, {N(result.Transitions)} transitions, depth {result.Depth}");
        if (result.SymmetricStates is { } symmetric)
        {
            o.WriteLine($"symmetry    {N(symmetric)} distinct up to renaming the {(writeScenario is null ? "RMs" : "participants")}");
        }

        if (result.Collisions is { } collisions)
        {
            o.WriteLine($"collisions  {N(collisions)} states shared a fingerprint with another");
        }

        o.WriteLine($"time        {result.Elapsed.TotalSeconds.ToString("0.000", Inv)} s ({N((long)result.StatesPerSecond)} states/s)");
        o.WriteLine($"memory      {Megabytes(result.PeakBytes)} MB in explorer tables at peak; process peak working set {Megabytes(peakWorkingSet)} MB");
        if (result.StopReason is { } reason)
        {
            o.WriteLine($"incomplete  {reason}");
        }

        foreach (var verdict in result.Verdicts)
        {
            o.WriteLine($"{verdict.Name,-11} {Word(verdict.Verdict)}  ({verdict.Description})");
        }

        var files = new Dictionary<string, string>();
        foreach (var verdict in result.Verdicts.Where(verdict => verdict.Counterexample is not null))
        {
            var path = verdict.Counterexample!;
            o.WriteLine();
            o.WriteLine($"{verdict.Name} violated: shortest path, {RunCommand.Plural(path.Length, "step")}");
            for (var i = 0; i < path.Steps.Count; i++)
            {
                o.WriteLine($"  {i,3}  {path.Steps[i].Action ?? "initial",-22} {path.Steps[i].State}");
            }

            if (writeScenario?.Invoke(verdict) is { } written)
            {
                files[verdict.Name] = written;
            }
        }

        if (json)
        {
            o.WriteLine(Json.Serialize(new ExploreReport(
                model.Name,
                rms,
                result.DistinctStates,
                result.SymmetricStates,
                result.Transitions,
                result.Depth,
                Math.Round(result.Elapsed.TotalSeconds, 3),
                Math.Round(result.StatesPerSecond),
                result.PeakBytes,
                peakWorkingSet,
                result.Complete,
                result.Verdicts.FirstOrDefault(verdict => verdict.Name == "typeOK") is { } typeOK ? Word(typeOK.Verdict) : null,
                ReportedProperties.ToDictionary(name => name, name => Word(result[name].Verdict)),
                result.Verdicts
                    .Where(verdict => verdict.Counterexample is not null)
                    .ToDictionary(verdict => verdict.Name, verdict => (IReadOnlyList<string>)[.. verdict.Counterexample!.Steps.Skip(1).Select(step => step.Action!)]),
                writeScenario is null ? null : files)));
        }

        if (result.AnyViolated)
        {
            return ExitCode.Failed;
        }

        // A search cut short proves nothing: like a run that hit its event limit, it is bad input.
        return result.Complete ? ExitCode.Ok : ExitCode.BadInput;
    }

    /// <summary>A stderr line rewritten in place while someone watches it; nothing otherwise, so logs stay clean.</summary>
    private static StderrProgress? ProgressLine(CliOutput output) => output.ErrorInteractive ? new StderrProgress(output.Error) : null;

    private static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Holds => "holds",
        Verdict.Violated => "violated",
        _ => "unknown",
    };

    /// <summary>
    /// Writes on the reporting thread (not posted like <see cref="Progress{T}"/>), so the last
    /// progress line is out before the report starts.
    /// </summary>
    private sealed class StderrProgress(TextWriter error) : IProgress<ExplorationProgress>
    {
        private readonly Lock gate = new();

        public void Report(ExplorationProgress value)
        {
            lock (gate)
            {
                error.Write($"\rexploring: {N(value.DistinctStates)} states, depth {value.Depth}, {N((long)value.StatesPerSecond)} states/s, {value.Elapsed.TotalSeconds.ToString("0.0", Inv)} s   ");
            }
        }
    }

    private static string N(long value) => value.ToString("N0", Inv);

    private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("N0", Inv);
}
