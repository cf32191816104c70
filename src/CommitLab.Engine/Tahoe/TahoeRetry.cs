namespace CommitLab.Engine.Tahoe;

/// <summary>
/// What a 2PC writer does after "no can do": with <see cref="Enabled"/>, it waits a random backoff in
/// [<see cref="BackoffMin"/>, <see cref="BackoffMax"/>] ticks and tries again on top of whatever
/// version won, at most <see cref="Limit"/> times. The randomness is what breaks the tie when two
/// writers collided and were both refused.
/// </summary>
public sealed record TahoeRetry(bool Enabled = true, int BackoffMin = 40, int BackoffMax = 120, int Limit = 5);
