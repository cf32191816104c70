namespace CommitLab.Web.Lab.Narration;

/// <summary>
/// How much a narration line matters, so the view can weigh it (colour, icon, whether a screen reader
/// announces it at once). The text always says the same thing, so the tone is never the only cue.
/// </summary>
public enum NarrationTone
{
    /// <summary>Ordinary protocol traffic: a message sent or delivered, a lock taken.</summary>
    Routine,

    /// <summary>A step the lesson hinges on: a forced log write, a timeout, a suspicion, the termination protocol.</summary>
    Important,

    /// <summary>Something broke: a crash, a cut link, a partition, a lost message.</summary>
    Fault,

    /// <summary>A safety property was broken (atomicity or validity): the run is now wrong, not just slow.</summary>
    Danger,

    /// <summary>Progress that resolves uncertainty: a node decides, a transaction is finished.</summary>
    Good,
}
