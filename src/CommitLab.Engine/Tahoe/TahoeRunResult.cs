using System.Collections.Immutable;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tahoe;

/// <summary>How a Tahoe run ended.</summary>
/// <param name="FinalVersions">Each server and the version it holds at the end ("W2#2"), or "down".</param>
/// <param name="Writers">Each writer and the phase it ended in ("done", "gave up", ...).</param>
/// <param name="Settled">True when the run finished by itself; false when it stopped at maxTicks or maxEvents.</param>
/// <param name="StopMessage">Set when the run stopped at its event limit: the sentence saying so.</param>
public sealed record TahoeRunResult(
    TahoeOutcome Outcome,
    TahoeVerdict Verdict,
    ImmutableArray<KeyValuePair<string, string>> FinalVersions,
    ImmutableArray<KeyValuePair<string, string>> Writers,
    MessageCounts Messages,
    long Ticks,
    long Events,
    string TraceHash,
    bool Settled,
    string? StopMessage = null)
{
    /// <summary>How the Tahoe run on <paramref name="sim"/> stands now, in Tahoe's terms: what each server holds, where each writer got to.</summary>
    public static TahoeRunResult Of(Simulator sim)
    {
        ArgumentNullException.ThrowIfNull(sim);
        var run = sim.Result();
        var verdict = run.Tahoe ?? throw new ArgumentException("not a Tahoe-LAFS run", nameof(sim));
        var settings = sim.Scenario.Tahoe!;
        var magicFolder = sim.Scenario.Protocol == Protocols.ProtocolKind.TahoeMagicFolder;
        var names = sim.NodeNames;
        var finals = Enumerable.Range(settings.Writers, settings.Servers)
            .Select(i => KeyValuePair.Create(names[i], !sim.IsUp(i) ? "down" : magicFolder ? LogsLabel((ServerState)sim.Shown(i)!) : ((ServerState)sim.Shown(i)!).Current.Label))
            .ToImmutableArray();
        var writerPhases = Enumerable.Range(0, settings.Writers)
            .Select(i => KeyValuePair.Create(names[i], sim.IsUp(i) ? WriterPhases.Name(((WriterState)sim.Shown(i)!).Stage) : "down"))
            .ToImmutableArray();
        return new TahoeRunResult(verdict.Outcome, verdict, finals, writerPhases, run.Messages, run.Ticks, run.Events, run.TraceHash, sim.Settled, run.StopMessage);
    }

    private static string LogsLabel(ServerState s) =>
        s.Logs.All(e => e is null) ? "no edits" : string.Join("+", s.Logs.Where(e => e is not null).Select(e => e!.Writer));

    /// <summary>Whether the run meets a scenario file's <c>expect:</c> (its Tahoe outcome and message count).</summary>
    public bool Meets(Scenarios.Expectation? expect) =>
        expect is null ||
        ((expect.Tahoe is null || expect.Tahoe == Outcome) && (expect.Messages is null || expect.Messages == Messages.Sent));

    public bool Meets(TahoeExpectation? expect) =>
        expect is null ||
        ((expect.Outcome is null || expect.Outcome == Outcome) && (expect.Messages is null || expect.Messages == Messages.Sent));
}
