using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CommitLab.Engine.Exploration;

namespace CommitLab.Cli;

/// <summary>
/// <c>commitlab explore --model twophase-tla --rms 5</c>: every reachable state of a reference model
/// from the literature, with TLC's counts and a verdict per property; each violation is shown as its
/// shortest path from the initial state.
/// </summary>
public static class ExploreCommand
{
    /// <summary>The properties every report names, in this order; the models also check <c>typeOK</c>.</summary>
    public static readonly IReadOnlyList<string> ReportedProperties = ["atomicity", "validity", "nonblocking"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static Command Create(CliOutput output)
    {
        var model = new Option<string>("--model") { Description = $"The model: {string.Join(" or ", ReferenceModels.Names)} (Lamport's TwoPhase.tla and TCommit.tla).", Required = true };
        var rms = new Option<int>("--rms") { Description = $"Resource managers, {ReferenceModels.MinRms} to {ReferenceModels.MaxRms}.", DefaultValueFactory = _ => 3 };
        var maxStates = new Option<long>("--max-states") { Description = "Stop after this many distinct states (about 40 bytes each).", DefaultValueFactory = _ => ExplorerOptions.DefaultMaxStates };
        var threads = new Option<int>("--threads") { Description = "Worker threads; the results do not depend on it.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var symmetry = new Option<bool>("--symmetry") { Description = "Also count states up to renaming the RMs (a second search)." };
        var collisions = new Option<bool>("--check-collisions") { Description = "Keep every full state too and count fingerprint collisions (more memory)." };
        var json = new Option<bool>("--json") { Description = "Also print the totals as one JSON object, on the last line." };
        var command = new Command("explore", "Check every reachable state of a reference model and report each property's verdict.")
        {
            model, rms, maxStates, threads, symmetry, collisions, json,
        };
        command.SetAction(parsed =>
        {
            var errors = new List<string>();
            var built = ReferenceModels.TryCreate(parsed.GetValue(model), parsed.GetValue(rms), out var modelError);
            if (modelError is not null)
            {
                errors.Add(modelError);
            }

            var options = new ExplorerOptions
            {
                MaxStates = parsed.GetValue(maxStates),
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

            if (errors.Count > 0 || built is null)
            {
                foreach (var error in errors)
                {
                    output.Error.WriteLine($"commitlab explore: {error}");
                }

                return ExitCode.BadInput;
            }

            return Execute(output, built, parsed.GetValue(rms), options, parsed.GetValue(json));
        });
        return command;
    }

    /// <summary>Explores <paramref name="model"/> and prints the report; tests call it with models the command line does not offer.</summary>
    public static int Execute(CliOutput output, IModel<ulong> model, int rms, ExplorerOptions options, bool json, CancellationToken cancellation = default)
    {
        var o = output.Out;
        o.WriteLine($"model       {model.Name}, {RunCommand.Plural(rms, "RM")}, {RunCommand.Plural(options.Parallelism, "thread")}");
        var result = Explorer.Explore(model, options, ProgressLine(output), cancellation);
        if (output.ErrorInteractive)
        {
            output.Error.WriteLine();
        }

        var peakWorkingSet = Process.GetCurrentProcess().PeakWorkingSet64;
        o.WriteLine($"states      {N(result.DistinctStates)} distinct, {N(result.Transitions)} transitions, depth {result.Depth}");
        if (result.SymmetricStates is { } symmetric)
        {
            o.WriteLine($"symmetry    {N(symmetric)} distinct up to renaming the RMs");
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

        foreach (var verdict in result.Verdicts.Where(verdict => verdict.Counterexample is not null))
        {
            var path = verdict.Counterexample!;
            o.WriteLine();
            o.WriteLine($"{verdict.Name} violated: shortest path, {RunCommand.Plural(path.Length, "step")}");
            for (var i = 0; i < path.Steps.Count; i++)
            {
                o.WriteLine($"  {i,3}  {path.Steps[i].Action ?? "initial",-22} {path.Steps[i].State}");
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
                Word(result["typeOK"].Verdict),
                ReportedProperties.ToDictionary(name => name, name => Word(result[name].Verdict)),
                result.Verdicts
                    .Where(verdict => verdict.Counterexample is not null)
                    .ToDictionary(verdict => verdict.Name, verdict => (IReadOnlyList<string>)[.. verdict.Counterexample!.Steps.Skip(1).Select(step => step.Action!)]))));
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
