namespace CommitLab.Cli;

/// <summary>The process exit codes of <c>commitlab</c>; scripts and CI rely on them, so they never change meaning.</summary>
public static class ExitCode
{
    /// <summary>The command did what it was asked, and any <c>expect</c> held.</summary>
    public const int Ok = 0;

    /// <summary><c>run</c>: the scenario's <c>expect</c> did not hold. <c>fuzz --fail-on-violation</c>: a violation (or an engine error) was found.</summary>
    public const int Failed = 1;

    /// <summary>
    /// Bad input: unknown options, out-of-range numbers, a missing or invalid scenario file, or a
    /// scenario whose run needed more events than its limit (<c>maxEvents</c>) allows: its summary is
    /// printed, but it did not run to its end.
    /// </summary>
    public const int BadInput = 2;

    /// <summary>The engine itself threw: a bug in CommitLab, not in the scenario.</summary>
    public const int InternalError = 3;
}
