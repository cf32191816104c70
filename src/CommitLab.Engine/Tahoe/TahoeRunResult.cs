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
    public bool Meets(TahoeExpectation? expect) =>
        expect is null ||
        ((expect.Outcome is null || expect.Outcome == Outcome) && (expect.Messages is null || expect.Messages == Messages.Sent));
}
