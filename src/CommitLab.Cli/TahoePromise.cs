using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// What each Tahoe mode promises, which decides what the fuzzer calls a violation. <c>2pc</c> promises
/// that no writer told "saved" loses its update and that the live servers agree once the run is
/// over; <c>magic-folder</c> promises that no edit is lost (a visible conflict keeps both, so it is
/// not a loss); <c>uncoordinated</c> promises nothing, so its lost updates are the expected finding
/// the mode is shown for, never a failure.
/// </summary>
public static class TahoePromise
{
    public static string Describe(TahoeMode mode) => mode switch
    {
        TahoeMode.TwoPhase => "no writer told \"saved\" loses its update, and the live servers agree at the end",
        TahoeMode.MagicFolder => "no edit is lost (a visible conflict keeps both edits, so it is not a loss)",
        _ => "nothing; lost updates are what this mode shows, so they count as expected findings, not violations",
    };

    /// <summary>Whether the run broke the mode's promise.</summary>
    public static bool IsViolation(TahoeMode mode, TahoeRunResult result) => mode switch
    {
        TahoeMode.TwoPhase => result.Outcome == TahoeOutcome.LostUpdate || !result.Verdict.ServersAgree,
        TahoeMode.MagicFolder => result.Outcome == TahoeOutcome.LostUpdate,
        _ => false,
    };

    /// <summary>A lost update where nothing was promised: worth showing, not a failure.</summary>
    public static bool IsExpectedFinding(TahoeMode mode, TahoeRunResult result) =>
        mode == TahoeMode.Uncoordinated && result.Outcome == TahoeOutcome.LostUpdate;
}
