using System.Collections.Immutable;
using CommitLab.Engine.Monitors;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// What a protocol promises, in the words of its own monitor list (<see cref="ProtocolMonitors"/>):
/// the monitors that must hold once a run is over. A run that ends with one of them broken is a
/// violation. The commit protocols promise validity and atomicity; Tahoe-LAFS 2PC promises that no
/// writer told "saved" loses its update and that the live servers agree; the magic folder promises
/// that no edit is lost (a visible conflict keeps both, so it is not a loss); uncoordinated writers
/// promise nothing, so their lost updates are the finding that mode is shown for
/// (<see cref="Shown"/>), never a failure.
/// </summary>
/// <param name="Description">The promise in a sentence, printed before a session; null for the commit protocols, whose promise every lesson states.</param>
/// <param name="Kept">Names of the monitors that must hold at the end.</param>
/// <param name="Shown">A monitor nobody promises but whose failures are worth showing, or null.</param>
public sealed record FuzzPromise(string? Description, ImmutableArray<string> Kept, string? Shown = null)
{
    /// <summary>How many runs that break an unpromised property are saved: a few replayable examples show it, thousands of files would bury the output.</summary>
    public const int MaxExpectedExamples = 10;

    public static FuzzPromise For(ProtocolKind protocol) => protocol switch
    {
        ProtocolKind.TahoeTwoPhase => new("no writer told \"saved\" loses its update, and the live servers agree at the end", [LostUpdateMonitor.Property, ServersAgreeMonitor.Property]),
        ProtocolKind.TahoeMagicFolder => new("no edit is lost (a visible conflict keeps both edits, so it is not a loss)", [LostUpdateMonitor.Property]),
        ProtocolKind.TahoeUncoordinated => new("nothing; lost updates are what this mode shows, so they count as expected findings, not violations", [], LostUpdateMonitor.Property),
        _ => new(null, [ValidityMonitor.Property, AtomicityMonitor.Property]),
    };

    /// <summary>Whether a finished run broke the promise: one of its promised monitors does not hold.</summary>
    public bool IsBroken(RunResult result) => result.Broken.Any(Kept.Contains);

    /// <summary>Whether a finished run broke a property nobody promised, which is worth showing but is not a failure.</summary>
    public bool IsExpectedFinding(RunResult result) => Shown is { } shown && result.Broken.Contains(shown);
}
