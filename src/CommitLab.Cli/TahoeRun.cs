using System.Globalization;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary><c>commitlab run</c> for a Tahoe-LAFS scenario: same flags, same exit codes, a summary in Tahoe's terms.</summary>
public static class TahoeRun
{
    /// <summary>The summary of a Tahoe run <see cref="RunCommand"/> parsed and ran to its end.</summary>
    public static int Report(CliOutput output, string path, Scenario scenario, Simulator simulator, bool json)
    {
        var result = simulator.Result();
        var verdict = result.Tahoe!;
        var tahoe = scenario.Tahoe!;
        var o = output.Out;
        o.WriteLine($"seed        {scenario.Seed.ToString(CultureInfo.InvariantCulture)}");
        o.WriteLine($"scenario    {scenario.Title}");
        o.WriteLine($"setup       tahoe {TahoeModes.Name(TahoeModes.Of(scenario.Protocol))}, {RunCommand.Plural(tahoe.Writers, "writer")}, {RunCommand.Plural(tahoe.Servers, "server")}, {RunCommand.Plural(scenario.Faults.Length, "fault")}");
        o.WriteLine($"outcome     {TahoeOutcomes.Name(verdict.Outcome)}");
        o.WriteLine($"servers     {string.Join("  ", verdict.Servers.Select(pair => $"{pair.Key}={pair.Value}"))}");
        o.WriteLine($"writers     {string.Join("  ", verdict.Writers.Select(pair => $"{pair.Key}={pair.Value}"))}");
        o.WriteLine($"verdict     {verdict.Explanation}");
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
            output.Error.WriteLine($"{path}: expectation not met: expected {Describe(scenario.Expect!)}, but the run ended {TahoeOutcomes.Name(verdict.Outcome)} with {result.Messages.Sent} messages sent");
            output.Error.WriteLine($"To see every event: commitlab run {path} --seed {scenario.Seed.ToString(CultureInfo.InvariantCulture)} --trace");
        }

        if (json)
        {
            o.WriteLine(Json.Serialize(TahoeRunReport.From(scenario, result)));
        }

        return result.StopMessage is not null ? ExitCode.BadInput : met ? ExitCode.Ok : ExitCode.Failed;
    }

    private static string Describe(Expectation expect)
    {
        var parts = new List<string>(2);
        if (expect.Tahoe is { } outcome)
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
    public static TahoeRunReport From(Scenario scenario, RunResult result) => From(scenario, result, result.Tahoe!);

    private static TahoeRunReport From(Scenario scenario, RunResult result, TahoeVerdict verdict) => new(
        "tahoe",
        TahoeModes.Name(TahoeModes.Of(scenario.Protocol)),
        TahoeOutcomes.Name(verdict.Outcome),
        verdict.Servers.ToDictionary(pair => pair.Key, pair => pair.Value),
        verdict.Writers.ToDictionary(pair => pair.Key, pair => pair.Value),
        verdict.ServersAgree,
        [.. verdict.Lost],
        [.. verdict.Conflicts.Select(c => c.ToString())],
        verdict.Explanation,
        new MessageReport(result.Messages.Sent, result.Messages.Delivered, result.Messages.Dropped),
        result.Ticks,
        result.Events,
        result.TraceHash,
        scenario.Seed,
        scenario.Expect is null ? null : result.Meets(scenario.Expect),
        result.StopMessage);
}
