using System.Collections.Immutable;

namespace CommitLab.Web.Classroom;

/// <summary>
/// A poll as a page shows it. While it is open the tally is the instructor's alone: students see
/// the question and their own answer, and only after the reveal the counts and the right answer,
/// so early answers do not sway the rest of the room.
/// </summary>
public sealed record PollView(
    long Id,
    string Question,
    ImmutableArray<string> Options,
    int? Correct,
    PollStatus Status,
    ImmutableArray<int> Tally,
    int Answered,
    long AtTick)
{
    public bool Revealed => Status == PollStatus.Revealed;

    /// <summary>
    /// What a student may see: no counts (not even how many answered) and no right answer before
    /// the reveal. The hub sends students this view, so it must hold nothing the page hides.
    /// </summary>
    public PollView ForStudents() => Revealed ? this : this with { Correct = null, Tally = [], Answered = 0 };

    /// <summary>Share of answers for an option, 0..100, for the tally bars.</summary>
    public int Percent(int option) => Answered == 0 || option >= Tally.Length ? 0 : (int)Math.Round(100.0 * Tally[option] / Answered);
}
