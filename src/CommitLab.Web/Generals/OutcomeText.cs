using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Web.Generals;

/// <summary>The plain-English sentences under the scene: where each person is, whether they met, and why.</summary>
public static class OutcomeText
{
    public static string Place(Person person, LunchPlace place) =>
        place == LunchPlace.Outside ? $"{person}: outside in the sun" : $"{person}: in the cafeteria";

    public static string Met(LunchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return (outcome.Sam, outcome.Jill) switch
        {
            (LunchPlace.Outside, LunchPlace.Outside) => "They met: both ate outside in the sun.",
            (LunchPlace.Cafeteria, LunchPlace.Cafeteria) => "They met: both ate in the cafeteria, safe but sunless.",
            (LunchPlace.Outside, _) => "They did not meet: Sam is outside, Jill is in the cafeteria.",
            _ => "They did not meet: Jill is outside, Sam is in the cafeteria.",
        };
    }

    /// <summary>Why the people ended up where they did, in terms of which email went missing.</summary>
    public static string Why(LunchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var emails = outcome.Plan.Emails;
        var missing = outcome.Delivered + 1;
        if (missing > emails)
        {
            var writer = Email.SenderOf(emails);
            var reader = Email.ReceiverOf(emails);
            return $"Every email arrived, so both had all they were waiting for and went out. Lucky: had email {emails} been lost, " +
                   $"{writer} would have gone out all the same and {reader} would have stayed in.";
        }

        if (missing < emails)
        {
            return $"Email {missing} went missing and nobody wrote another, so each was still waiting for an email at noon. " +
                   "Both fell back on the cafeteria.";
        }

        var sender = Email.SenderOf(emails);
        var receiver = Email.ReceiverOf(emails);
        var waited = emails == 1 ? "had nothing to wait for" : $"had every email {(sender == Person.Sam ? "he" : "she")} was waiting for";
        return $"Only the last email, number {emails}, went missing. {sender} {waited} and went out; " +
               $"{receiver} never saw email {emails} and stayed in.";
    }

    /// <summary>The rung the emails did not reach, or null when every email arrived.</summary>
    public static string? Unreached(LunchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var missing = outcome.Delivered + 1;
        return missing > outcome.Plan.Emails
            ? null
            : $"Email {missing} did not arrive, so this never became true: “{Knowledge.Fact(missing).Text}”";
    }
}
