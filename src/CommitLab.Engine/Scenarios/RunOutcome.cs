namespace CommitLab.Engine.Scenarios;

/// <summary>
/// How a run ended, as the CLI and <c>expect</c> name it: <c>violation</c> if one node committed and
/// another aborted; else <c>blocked</c> if a live participant voted yes and still cannot decide; else
/// <c>committed</c> or <c>aborted</c> when every participant that is up decided that; else <c>undecided</c>.
/// </summary>
public enum RunOutcome
{
    Committed,
    Aborted,
    Blocked,
    Violation,
    Undecided,
}
