namespace CommitLab.Engine.Tahoe;

/// <summary>What a Tahoe scenario file says its run must end with (the <c>expect:</c> key).</summary>
public sealed record TahoeExpectation(TahoeOutcome? Outcome = null, int? Messages = null);
