namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// One email of the exchange. Odd numbers go from Sam to Jill (the proposal, then Sam's
/// acknowledgements), even numbers from Jill to Sam.
/// </summary>
/// <param name="Number">1 for the proposal, 2 for Jill's acknowledgement, and so on.</param>
public sealed record Email(int Number, Person From, Person To, EmailFate Fate)
{
    public bool Arrived => Fate == EmailFate.Arrived;

    /// <summary>Whether it was sent and then went missing, by chance or by choice.</summary>
    public bool WentMissing => Fate is EmailFate.Lost or EmailFate.Dropped;

    /// <summary>Who writes email <paramref name="number"/>: the proposal is Sam's, and they take turns after that.</summary>
    public static Person SenderOf(int number) => number % 2 == 1 ? Person.Sam : Person.Jill;

    /// <summary>Who reads email <paramref name="number"/>.</summary>
    public static Person ReceiverOf(int number) => number % 2 == 1 ? Person.Jill : Person.Sam;
}
