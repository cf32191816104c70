using System.Globalization;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary><c>commitlab run</c> for a Tahoe-LAFS scenario: same flags, same exit codes, a summary in Tahoe's terms.</summary>
public static class TahoeRun
{
    public static int Execute(CliOutput output, string path, ulong? seed, bool json, bool trace)
    {
        TahoeScenario scenario;
        TahoeSimulator simulator;
        try
        {
            scenario = TahoeScenarioParser.ParseFile(path);
            if (seed is { } chosen)
            {
                scenario = scenario with { Seed = chosen };
            }

            simulator = TahoeSimulator.Create(scenario);
        }
        catch (ScenarioException e)
        {
            return RunCommand.Refuse(output, path, e);
        }

        var result = simulator.RunToEnd();
        var o = output.Out;
        if (trace)
        {
            o.Write(simulator.Trace.ToText());
            o.WriteLine();
        }

        o.WriteLine($"seed        {scenario.Seed.ToString(CultureInfo.InvariantCulture)}");
        o.WriteLine($"scenario    {scenario.Title}");
        o.WriteLine($"setup       tahoe {TahoeModes.Name(scenario.Mode)}, {RunCommand.Plural(scenario.Writers, "writer")}, {RunCommand.Plural(scenario.Servers, "server")}, {RunCommand.Plural(scenario.Faults.Length, "fault")}");
        o.WriteLine($"outcome     {TahoeOutcomes.Name(result.Outcome)}");
        o.WriteLine($"servers     {string.Join("  ", result.FinalVersions.Select(pair => $"{pair.Key}={pair.Value}"))}");
        o.WriteLine($"writers     {string.Join("  ", result.Writers.Select(pair => $"{pair.Key}={pair.Value}"))}");
        o.WriteLine($"verdict     {result.Verdict.Explanation}");
        o.WriteLine($"messages    {result.Messages.Sent} sent, {result.Messages.Delivered} delivered, {result.Messages.Dropped} dropped");
        o.WriteLine($"time        {result.Ticks.ToString(CultureInfo.InvariantCulture)} ticks, {RunCommand.Plural(result.Events, "event")}{(result.Settled ? "" : result.StopMessage is null ? " (stopped at maxTicks)" : " (stopped at maxEvents)")}");
        o.WriteLine($"trace hash  {result.TraceHash}");
        var met = result.Meets(scenario.Expect);
        if (scenario.Expect is { } expect)
        {
            o.WriteLine($"expect      {Describe(expect)}: {(met ? "met" : "NOT MET")}");
        }

        if (result.StopMessage is { } stopped)
        {
            RunCommand.ReportStop(output, path, stopped);
        }
        else if (!met)
        {
            output.Error.WriteLine($"{path}: expectation not met: expected {Describe(scenario.Expect!)}, but the run ended {TahoeOutcomes.Name(result.Outcome)} with {result.Messages.Sent} messages sent");
            output.Error.WriteLine($"To see every event: commitlab run {path} --seed {scenario.Seed.ToString(CultureInfo.InvariantCulture)} --trace");
        }

        if (json)
        {
            o.WriteLine(Json.Serialize(TahoeRunReport.From(scenario, result)));
        }

        return result.StopMessage is not null ? ExitCode.BadInput : met ? ExitCode.Ok : ExitCode.Failed;
    }

    private static string Describe(TahoeExpectation expect)
    {
        var parts = new List<string>(2);
        if (expect.Outcome is { } outcome)
        {
            parts.Add(TahoeOutcomes.Name(outcome));
        }

        if (expect.Messages is { } messages)
        {
            parts.Add($"{messages} messages sent");
        }

        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }
}

/// <summary>The JSON line <c>commitlab run --json</c> prints for a Tahoe scenario.</summary>
public sealed record TahoeRunReport(
    string Protocol,
    string Mode,
    string Outcome,
    IReadOnlyDictionary<string, string> Servers,
    IReadOnlyDictionary<string, string> Writers,
    bool ServersAgree,
    IReadOnlyList<string> LostUpdates,
    IReadOnlyList<string> Conflicts,
    string Explanation,
    MessageReport Messages,
    long Ticks,
    long Events,
    string TraceHash,
    ulong Seed,
    bool? ExpectMet,
    string? Stopped)
{
    public static TahoeRunReport From(TahoeScenario scenario, TahoeRunResult result) => new(
        "tahoe",
        TahoeModes.Name(scenario.Mode),
        TahoeOutcomes.Name(result.Outcome),
        result.FinalVersions.ToDictionary(pair => pair.Key, pair => pair.Value),
        result.Writers.ToDictionary(pair => pair.Key, pair => pair.Value),
        result.Verdict.ServersAgree,
        [.. result.Verdict.Lost],
        [.. result.Verdict.Conflicts.Select(c => c.ToString())],
        result.Verdict.Explanation,
        new MessageReport(result.Messages.Sent, result.Messages.Delivered, result.Messages.Dropped),
        result.Ticks,
        result.Events,
        result.TraceHash,
        scenario.Seed,
        scenario.Expect is null ? null : result.Meets(scenario.Expect),
        result.StopMessage);
}
