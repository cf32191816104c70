namespace CommitLab.Cli;

/// <summary>A fuzz run worth a second look: a violation, or an engine error. <see cref="File"/> is null when no repro was written.</summary>
public sealed record FuzzFinding(ulong Seed, string Kind, string Detail, string? File)
{
    /// <summary>The command line that replays the run; what a bug report needs.</summary>
    public string? Command => File is null ? null : $"commitlab run {File}";
}
