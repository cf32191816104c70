namespace CommitLab.Engine.Scenarios;

/// <summary>What a scenario file says its run must end with (the <c>expect:</c> key).</summary>
/// <param name="Outcome">The run outcome the scenario expects, when it names one (2PC, 3PC, Paxos Commit).</param>
/// <param name="Messages">The exact number of messages sent, when it names one.</param>
/// <param name="Tahoe">A Tahoe-LAFS run's outcome (committed, lost-update, conflict-visible, ...), when it names one.</param>
public sealed record Expectation(RunOutcome? Outcome = null, int? Messages = null, Tahoe.TahoeOutcome? Tahoe = null);
