namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// The bounds the lunch simulation accepts. They keep a single request cheap enough to run on the
/// web server's request path: the largest batch is 20 x 20 cells of 100,000 trials of 20 emails.
/// </summary>
public static class LunchLimits
{
    public const int MinEmails = 1;

    public const int MaxEmails = 20;

    public const int MaxTrials = 100_000;

    /// <summary>At most this many email counts, and this many loss rates, in one batch grid.</summary>
    public const int MaxGridSide = 20;
}
