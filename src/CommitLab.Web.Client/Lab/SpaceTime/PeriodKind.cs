namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>Stretches of a lane during which its node could not act.</summary>
public enum PeriodKind
{
    /// <summary>Crashed, until it recovers.</summary>
    Down,

    /// <summary>Frozen, until it resumes.</summary>
    Frozen,
}
