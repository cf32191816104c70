using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Web.Generals;

/// <summary>
/// One email as the scene draws it: where it rests (X, Y), where its journey starts (StartX), what
/// its status word and accessible name say, and whether clicking it changes anything.
/// </summary>
/// <param name="Status">The word drawn beside it: "read", "lost", "dropped" or "not sent".</param>
/// <param name="Label">The accessible name, for example "Email 3, Sam to Jill, arrived — click to lose it".</param>
/// <param name="Clickable">
/// True for emails that arrived (click to lose one) or that the user dropped (click to let it through).
/// Emails lost by chance or never written are not controls: dropping them would change nothing.
/// </param>
public sealed record EnvelopeView(
    int Number,
    Person From,
    Person To,
    EmailFate Fate,
    double X,
    double Y,
    double StartX,
    string Status,
    string Label,
    bool Clickable)
{
    /// <summary>How far the envelope travels to its resting place, for the sending animation.</summary>
    public double TravelX => StartX - X;

    /// <summary>Where the status word goes: on the side of the envelope that faces the middle.</summary>
    public bool StatusOnLeft => X > SceneLayout.MiddleX;

    public string FateName => Fate switch
    {
        EmailFate.Arrived => "arrived",
        EmailFate.Lost => "lost",
        EmailFate.Dropped => "dropped",
        _ => "never-sent",
    };
}
