namespace CommitLab.Web.Lab;

/// <summary>
/// What a <see cref="PlaybackSession"/> tells its listeners after every change: the one frame every
/// part of a page draws, the id of the action that caused it (null for the play timer or an action
/// without one), and an error the play timer ran into (null almost always). The id is an argument of
/// the call that made the change, so it travels with that change alone: a timer tick published in
/// between carries none and cannot take it.
/// </summary>
public sealed record PlaybackUpdate(LabFrame Frame, string? ActionId, Exception? Failure = null);
