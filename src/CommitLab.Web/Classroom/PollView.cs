using System.Collections.Immutable;

namespace CommitLab.Web.Classroom;

/// <summary>
/// A poll as a page shows it. While it is open the tally is the instructor's alone: students see
/// the question and their own answer, and only after the reveal the counts and the right answer,
/// so early answers do not sway the rest of the room.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PollView(
    [property: Id(0)] long Id,
    [property: Id(1)] string Question,
    [property: Id(2)] ImmutableArray<string> Options,
    [property: Id(3)] int? Correct,
    [property: Id(4)] PollStatus Status,
    [property: Id(5)] ImmutableArray<int> Tally,
    [property: Id(6)] int Answered,
    [property: Id(7)] long AtTick)
{
    public bool Revealed => Status == PollStatus.Revealed;

    public static PollView From(PollRecord poll)
    {
        var tally = new int[poll.Options.Length];
        foreach (var choice in poll.Answers.Values)
        {
            if (choice >= 0 && choice < tally.Length)
            {
                tally[choice]++;
            }
        }

        return new PollView(poll.Id, poll.Question, poll.Options, poll.Correct, poll.Status, [.. tally], poll.Answers.Count, poll.AtTick);
    }

    /// <summary>
    /// What a student may see: no counts (not even how many answered) and no right answer before
    /// the reveal. The hub sends students this view, so it must hold nothing the page hides.
    /// </summary>
    public PollView ForStudents() => Revealed ? this : this with { Correct = null, Tally = [], Answered = 0 };

    /// <summary>Share of answers for an option, 0..100, for the tally bars.</summary>
    public int Percent(int option) => Answered == 0 || option >= Tally.Length ? 0 : (int)Math.Round(100.0 * Tally[option] / Answered);
}
