using System.CommandLine;
using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary><c>commitlab run FILE [--seed N] [--json] [--trace]</c>: one scenario, start to end, with a summary a person can read.</summary>
public static class RunCommand
{
    public static Command Create(CliOutput output)
    {
        var file = new Argument<string>("file") { Description = "The scenario YAML file, e.g. lessons/scenarios/2pc-happy-path.yaml." };
        var seed = new Option<ulong?>("--seed") { Description = "Run with this seed instead of the file's." };
        var json = new Option<bool>("--json") { Description = "Also print the result as one JSON object, on the last line." };
        var trace = new Option<bool>("--trace") { Description = "Print the trace, one line per event, before the summary." };
        var command = new Command("run", "Run one scenario to the end and report how it ended. Exit 0: done and any 'expect' held; 1: 'expect' failed; 2: bad input, or the run hit its event limit.")
        {
            file, seed, json, trace,
        };
        command.SetAction(parsed => Execute(output, parsed.GetValue(file)!, parsed.GetValue(seed), parsed.GetValue(json), parsed.GetValue(trace)));
        return command;
    }

    public static int Execute(CliOutput output, string path, ulong? seed, bool json, bool trace)
    {
        Scenario scenario;
        Simulator? simulator = null;
        RunResult? quick = null;
        try
        {
            scenario = ScenarioParser.ParseFile(path);
            if (seed is { } chosen)
            {
                scenario = scenario with { Seed = chosen };
            }

            // Only --trace needs the run itself; otherwise the result is all, and Simulator.Run builds
            // no simulator of its own for it.
            if (trace)
            {
                simulator = Simulator.Create(scenario);
            }
            else
            {
                quick = Simulator.Run(scenario);
            }
        }
        catch (ScenarioException e)
        {
            return Refuse(output, path, e);
        }

        var result = quick ?? simulator!.RunToEnd();
        var o = output.Out;
        if (simulator is not null)
        {
            o.Write(simulator.Trace.ToText());
            o.WriteLine();
        }

        WriteSummary(o, scenario, result);
        var met = result.Meets(scenario.Expect);
        if (result.StopMessage is { } stopped)
        {
            ReportStop(output, path, stopped);
        }
        else if (!met)
        {
            var rerun = $"commitlab run {path} --seed {scenario.Seed.ToString(CultureInfo.InvariantCulture)} --trace";
            output.Error.WriteLine($"{path}: expectation not met: {DescribeMismatch(scenario.Expect!, result)}");
            output.Error.WriteLine($"To see every event: {rerun}");
        }

        if (json)
        {
            o.WriteLine(Json.Serialize(RunReport.From(scenario, result)));
        }

        return result.HitEventLimit ? ExitCode.BadInput : met ? ExitCode.Ok : ExitCode.Failed;
    }

    private static void WriteSummary(TextWriter o, Scenario scenario, RunResult result)
    {
        // The seed comes first: it is what someone needs to reproduce the run, even if the rest scrolls away.
        o.WriteLine($"seed        {scenario.Seed.ToString(CultureInfo.InvariantCulture)}");
        o.WriteLine($"scenario    {scenario.Title}");
        if (result.Tahoe is { } verdict)
        {
            // The summary of a Tahoe-LAFS run speaks of versions and writers instead of votes.
            var tahoe = scenario.Tahoe!;
            o.WriteLine($"setup       tahoe {Names.TahoeMode(scenario.Protocol)}, {Plural(tahoe.Writers, "writer")}, {Plural(tahoe.Servers, "server")}, {Plural(scenario.Faults.Length, "fault")}");
            o.WriteLine($"outcome     {TahoeOutcomes.Name(verdict.Outcome)}");
            o.WriteLine($"servers     {string.Join("  ", verdict.Servers.Select(pair => $"{pair.Key}={pair.Value}"))}");
            o.WriteLine($"writers     {string.Join("  ", verdict.Writers.Select(pair => $"{pair.Key}={pair.Value}"))}");
            o.WriteLine($"verdict     {verdict.Explanation}");
            o.WriteLine($"messages    {result.Messages.Sent} sent, {result.Messages.Delivered} delivered, {result.Messages.Dropped} dropped");
            o.WriteLine($"time        {result.Ticks.ToString(CultureInfo.InvariantCulture)} ticks, {Plural(result.Events, "event")}{(result.Settled ? "" : result.HitEventLimit ? " (stopped at maxEvents)" : " (stopped at maxTicks)")}");
        }
        else
        {
            o.WriteLine($"setup       {Names.Of(scenario.Protocol)}{Variant(scenario)}, {Plural(scenario.Participants, "participant")}, {Names.Of(scenario.FailureDetector)} detector, {Plural(scenario.Faults.Length, "fault")}");
            o.WriteLine($"outcome     {OutcomeNames.Of(result.Outcome)}");
            o.WriteLine($"decisions   {string.Join("  ", RunReport.OrderedDecisions(scenario, result).Select(pair => $"{pair.Key}={Names.Of(pair.Value)}"))}");
            o.WriteLine($"blocked     {(result.Blocked.IsEmpty ? "none" : string.Join(", ", result.Blocked))}");
            if (!result.HoldingLocks.IsEmpty)
            {
                // Never voted, so not blocked by the book, yet their locks stay held: say so rather than "none".
                o.WriteLine($"holding     {string.Join(", ", result.HoldingLocks)} (never voted; still holding locks)");
            }

            if (result.Violations.IsEmpty)
            {
                o.WriteLine("violations  none");
            }
            else
            {
                foreach (var violation in result.Violations)
                {
                    o.WriteLine($"violation   {violation}");
                }
            }

            o.WriteLine($"messages    {result.Messages.Sent} sent, {result.Messages.Delivered} delivered, {result.Messages.Dropped} dropped");
            o.WriteLine($"log writes  {Plural(result.ForcedWrites, "forced write")}");
            o.WriteLine($"time        {result.Ticks.ToString(CultureInfo.InvariantCulture)} ticks, {Plural(result.Events, "event")}{(result.HitEventLimit ? " (stopped at maxEvents)" : "")}");
        }

        o.WriteLine($"trace hash  {result.TraceHash}");
        if (scenario.Expect is { } expect)
        {
            o.WriteLine($"expect      {DescribeExpectation(expect)}: {(result.Meets(expect) ? "met" : "NOT MET")}");
        }
    }

    /// <summary>" (presumed abort; P2 read-only)" or " (3 acceptors, F = 1)" after the protocol, when the scenario has a variant.</summary>
    private static string Variant(Scenario scenario)
    {
        var parts = new List<string>(2);
        if (scenario.Protocol == ProtocolKind.PaxosCommit)
        {
            parts.Add($"{scenario.Acceptors} acceptors, F = {scenario.Acceptors / 2}");
        }

        if (scenario.Presume != Presumption.Nothing)
        {
            parts.Add($"presumed {Names.Of(scenario.Presume)}");
        }

        if (!scenario.ReadOnly.IsEmpty)
        {
            parts.Add($"{string.Join(", ", scenario.ReadOnly.Order(StringComparer.Ordinal))} read-only");
        }

        return parts.Count == 0 ? "" : " (" + string.Join("; ", parts) + ")";
    }

    private static string DescribeExpectation(Expectation expect)
    {
        var parts = new List<string>(2);
        if (expect.Outcome is { } outcome)
        {
            parts.Add(OutcomeNames.Of(outcome));
        }

        if (expect.Tahoe is { } tahoe)
        {
            parts.Add(TahoeOutcomes.Name(tahoe));
        }

        if (expect.Messages is { } messages)
        {
            parts.Add($"{messages} messages sent");
        }

        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }

    private static string DescribeMismatch(Expectation expect, RunResult result)
    {
        if (result.Tahoe is { } verdict)
        {
            return $"expected {DescribeExpectation(expect)}, but the run ended {TahoeOutcomes.Name(verdict.Outcome)} with {result.Messages.Sent} messages sent";
        }

        var parts = new List<string>(2);
        if (expect.Outcome is { } outcome && outcome != result.Outcome)
        {
            parts.Add($"expected outcome {OutcomeNames.Of(outcome)}, but the run ended {OutcomeNames.Of(result.Outcome)}");
        }

        if (expect.Messages is { } messages && messages != result.Messages.Sent)
        {
            parts.Add($"expected {messages} messages sent, but {result.Messages.Sent} were");
        }

        return string.Join("; ", parts);
    }

    /// <summary>Says on stderr that a run stopped at its event limit, and how to let it go further.</summary>
    internal static void ReportStop(CliOutput output, string path, string message)
    {
        output.Error.WriteLine($"{path}: {message}");
        output.Error.WriteLine($"To let it run further, set maxEvents (at most {Scenario.MaxEventsLimit.ToString("N0", CultureInfo.InvariantCulture)}) or a longer resend time in the file.");
    }

    /// <summary>Prints every problem of a scenario that cannot run, at its file and line.</summary>
    internal static int Refuse(CliOutput output, string path, ScenarioException e)
    {
        foreach (var error in e.Errors)
        {
            output.Error.WriteLine(error.File == "scenario" ? error with { File = path } : error);
        }

        output.Error.WriteLine($"{path}: {Plural(e.Errors.Count, "problem")}; nothing was run.");
        return ExitCode.BadInput;
    }

    internal static string Plural(long count, string noun) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {noun}{(count == 1 ? "" : "s")}";
}
