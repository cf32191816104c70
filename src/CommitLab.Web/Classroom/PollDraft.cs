namespace CommitLab.Web.Classroom;

/// <summary>The console's "type your own question" form: a question, up to six answers, optionally the right one.</summary>
public sealed class PollDraft
{
    public const int Slots = 6;

    public string Question { get; set; } = "";

    public string[] Options { get; } = ["", "", "", "", "", ""];

    /// <summary>Index of the right answer among the slots, or null for an opinion poll.</summary>
    public int? Correct { get; set; }

    /// <summary>The filled answers in order, and the right one's index among them (empty slots are skipped).</summary>
    public (IReadOnlyList<string> Options, int? Correct) Filled()
    {
        var filled = new List<string>();
        int? correct = null;
        for (var i = 0; i < Options.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(Options[i]))
            {
                continue;
            }

            if (Correct == i)
            {
                correct = filled.Count;
            }

            filled.Add(Options[i]);
        }

        return (filled, correct);
    }

    public void Clear()
    {
        Question = "";
        Array.Fill(Options, "");
        Correct = null;
    }
}
