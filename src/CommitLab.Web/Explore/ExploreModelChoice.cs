namespace CommitLab.Web.Explore;

/// <summary>A model the page offers: the name the engine knows it by and the label a student reads.</summary>
public sealed record ExploreModelChoice(string Name, string Label, string Summary)
{
    /// <summary>
    /// The reference models of <see cref="CommitLab.Engine.Exploration.ReferenceModels"/>. The broken
    /// TM the engine's tests use is not public, so the page does not offer it.
    /// </summary>
    public static IReadOnlyList<ExploreModelChoice> All { get; } =
    [
        new("tcommit-tla", "TCommit.tla", "The commit problem itself: RMs prepare and then all commit or all abort, with no coordinator and no messages."),
        new("twophase-tla", "TwoPhase.tla", "Two-phase commit: a transaction manager collects Prepared messages, then sends Commit or Abort."),
    ];
}
