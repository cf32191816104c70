using System.Collections.Immutable;
using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Web.Generals;

/// <summary>Everything the lunch scene draws for one outcome, already placed.</summary>
public sealed record SceneView(int Emails, double Height, ImmutableArray<EnvelopeView> Envelopes, LunchPlace Sam, LunchPlace Jill, bool Met)
{
    public static SceneView From(LunchOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var envelopes = outcome.Emails.Select(Place).ToImmutableArray();
        return new SceneView(outcome.Plan.Emails, SceneLayout.Height(outcome.Plan.Emails), envelopes, outcome.Sam, outcome.Jill, outcome.Met);
    }

    private static EnvelopeView Place(Email email)
    {
        var fromSam = email.From == Person.Sam;
        var start = SceneLayout.BesideLane(samSide: fromSam);
        var x = email.Fate switch
        {
            EmailFate.Arrived => SceneLayout.BesideLane(samSide: !fromSam),
            EmailFate.Lost or EmailFate.Dropped => SceneLayout.MiddleX,
            _ => start,
        };
        var (status, label, clickable) = Describe(email);
        return new EnvelopeView(email.Number, email.From, email.To, email.Fate, x, SceneLayout.RowY(email.Number), start, status, label, clickable);
    }

    private static (string Status, string Label, bool Clickable) Describe(Email email)
    {
        var name = $"Email {email.Number}, {email.From} to {email.To}";
        return email.Fate switch
        {
            EmailFate.Arrived => ("read", $"{name}, arrived — click to lose it", true),
            EmailFate.Dropped => ("dropped", $"{name}, dropped by you — click to let it through", true),
            EmailFate.Lost => ("lost", $"{name}, lost on the way", false),
            _ => ("not sent", $"{name}, never sent: {email.From} had nothing to answer", false),
        };
    }
}
