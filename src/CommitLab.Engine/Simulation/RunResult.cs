using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Simulation;

/// <summary>Message totals of a run.</summary>
public sealed record MessageCounts(int Sent, int Delivered, int Dropped);

/// <summary>How a run ended, in the terms the CLI and <c>expect</c> use.</summary>
/// <param name="Decisions">L and every participant: commit, abort or none.</param>
/// <param name="Blocked">Live participants that voted yes and could not decide.</param>
/// <param name="Events">Simulator events processed (deliveries, timers, faults, ...).</param>
/// <param name="StopMessage">Set when the run stopped at its event limit: the sentence saying so.</param>
public sealed record RunResult(
    RunOutcome Outcome,
    ImmutableSortedDictionary<string, Outcome> Decisions,
    ImmutableArray<string> Blocked,
    ImmutableArray<string> Violations,
    MessageCounts Messages,
    long Ticks,
    long Events,
    string TraceHash,
    string? StopMessage = null)
{
    /// <summary>Forced log writes over the run, by every node (the literature's second cost measure, beside messages).</summary>
    public int ForcedWrites { get; init; }

    /// <summary>
    /// Live participants that never voted, never decided and still hold their locks: nobody calls them
    /// blocked (they may abort on their own), but without a prepare timeout nothing will free them.
    /// </summary>
    public ImmutableArray<string> HoldingLocks { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>
    /// Names of the run's monitors that do not hold at the end (as <see cref="Monitors.ProtocolMonitors"/> names
    /// them), in the monitors' order: what a fuzzer judges a run by, without keeping the run itself.
    /// </summary>
    public ImmutableArray<string> Broken { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Whether the run stopped at its event limit rather than ending by itself or at maxTicks.</summary>
    public bool HitEventLimit => StopMessage is not null;

    /// <summary>
    /// For a Tahoe-LAFS run, what its monitors say about the file (lost update, servers agree, the
    /// reader's conflicts) and the outcome in Tahoe's words; null for the commit protocols.
    /// </summary>
    public Tahoe.TahoeVerdict? Tahoe { get; init; }

    /// <summary>The run's ending in words, for models whose outcome the commit protocols' words do not tell (a Tahoe-LAFS run's); null otherwise.</summary>
    public Monitors.Reading? Summary => Tahoe?.Summary;

    /// <summary>True when the run ended by itself: not at maxTicks, not at maxEvents.</summary>
    public bool Settled { get; init; }

    /// <summary>Whether the run meets a scenario's expectation (true when there is none); a Tahoe-LAFS file names its outcome in Tahoe's words.</summary>
    public bool Meets(Expectation? expect) =>
        expect is null ||
        ((expect.Outcome is null || expect.Outcome == Outcome) &&
         (expect.Tahoe is null || expect.Tahoe == Tahoe?.Outcome) &&
         (expect.Messages is null || expect.Messages == Messages.Sent));
}
