using System.Collections.Immutable;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>How one lunch trial played out: each email's fate, where each person ate, and what they knew.</summary>
/// <param name="Emails">Every email of the protocol, in order, including those never sent.</param>
/// <param name="Knowledge">One fact per email that arrived before the first one went missing, shallowest first.</param>
/// <param name="LastSenderDoubt">Why the last email's writer cannot know it arrived (see <see cref="TwoGenerals.Knowledge.LastSenderDoubt"/>).</param>
public sealed record LunchOutcome(
    LunchPlan Plan,
    ImmutableArray<Email> Emails,
    LunchPlace Sam,
    LunchPlace Jill,
    ImmutableArray<KnowledgeFact> Knowledge,
    string LastSenderDoubt)
{
    /// <summary>They meet when they eat in the same place, the sun or the cafeteria.</summary>
    public bool Met => Sam == Jill;

    /// <summary>How many emails in a row, from the proposal on, arrived.</summary>
    public int Delivered => Knowledge.Length;

    public LunchPlace PlaceOf(Person person) => person == Person.Sam ? Sam : Jill;

    /// <summary>The run on the simulator, event by event: the emails as messages, the loss, noon. The page draws it as a space-time diagram.</summary>
    public Tracing.Trace? Trace { get; init; }
}
