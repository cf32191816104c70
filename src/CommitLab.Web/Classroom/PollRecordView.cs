namespace CommitLab.Web.Classroom;

/// <summary>
/// Builds a <see cref="PollView"/> from a stored poll. It lives with the records on the server: the
/// view itself also runs in the browser (the student page), where no stored poll exists.
/// </summary>
public static class PollRecordView
{
    extension(PollView)
    {
        public static PollView From(PollRecord poll)
        {
            ArgumentNullException.ThrowIfNull(poll);
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
    }
}
