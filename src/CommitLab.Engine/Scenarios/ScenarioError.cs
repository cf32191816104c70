namespace CommitLab.Engine.Scenarios;

/// <summary>
/// One problem in a scenario file, at the line and column (both 1-based) of the offending node, with
/// a hint that says how to fix it. Printed the way compilers print errors, so editors can jump to it.
/// </summary>
public sealed record ScenarioError(string File, int Line, int Column, string Message, string? Hint)
{
    public override string ToString() =>
        Hint is null ? $"{File}:{Line}:{Column}: {Message}" : $"{File}:{Line}:{Column}: {Message} (hint: {Hint})";
}
