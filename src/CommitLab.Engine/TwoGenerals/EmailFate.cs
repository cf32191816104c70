namespace CommitLab.Engine.TwoGenerals;

/// <summary>What happened to one email of the exchange.</summary>
public enum EmailFate
{
    /// <summary>Sent and read before noon.</summary>
    Arrived,

    /// <summary>Sent, but the network lost it (a draw below the loss rate).</summary>
    Lost,

    /// <summary>Sent, but the person running the trial chose to lose it.</summary>
    Dropped,

    /// <summary>
    /// Never written: each email answers the one before it, so once one goes missing its receiver
    /// has nothing to reply to and the exchange stops there.
    /// </summary>
    NeverSent,
}
