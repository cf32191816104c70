namespace CommitLab.Web.Lessons;

/// <summary>
/// The tries a student has made at one quiz before it counts. A question may be tried up to
/// <see cref="MaxTries"/> times: a wrong try is struck out and the student is nudged to try again,
/// and the answer that counts (saved, shown with the explanation) is the right one or the last try.
/// A prediction counts at once: its point is to commit before the lab shows what happens.
/// </summary>
public sealed class QuizAttempts(QuizBlock quiz)
{
    public const int MaxTries = 3;

    private readonly HashSet<int> wrong = [];

    /// <summary>What to tell the student after a wrong try that does not count yet, or null.</summary>
    public string? Nudge { get; private set; }

    public bool Tried(int option) => wrong.Contains(option);

    /// <summary>Records a try; true when it counts as the answer (right, a prediction, or the last try allowed).</summary>
    public bool Try(int option)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(option);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(option, quiz.Options.Length);
        if (quiz.Prediction || quiz.Options[option].Correct)
        {
            Nudge = null;
            return true;
        }

        wrong.Add(option);
        var left = Math.Min(MaxTries - wrong.Count, quiz.Options.Length - 1 - wrong.Count);
        if (left <= 0)
        {
            Nudge = null;
            return true;
        }

        Nudge = left == 1 ? "Not quite. Think again: one more try." : $"Not quite. Think again: {left} more tries.";
        return false;
    }
}
