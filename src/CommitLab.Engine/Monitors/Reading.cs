namespace CommitLab.Engine.Monitors;

/// <summary>How a reading of a run should strike a student: all is well, worth a look, not over yet, or broken.</summary>
public enum ReadingTone
{
    Good,
    Warning,
    Unfinished,
    Bad,
}

/// <summary>
/// A monitor's verdict, or a whole run's, in words a student reads: a headline ("Servers disagree")
/// and, when there is more to say, a sentence. For models whose property names alone do not tell it.
/// </summary>
public sealed record Reading(ReadingTone Tone, string Headline, string Text = "");
