namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// The two generals' section of a run (<see cref="Protocols.ProtocolKind.TwoGenerals"/>): how many
/// emails the protocol has, and when noon is. Each email takes <see cref="EmailTicks"/> on the one link
/// between Sam and Jill, so the whole exchange is over before noon and only lost emails can leave
/// someone unsure.
/// </summary>
/// <param name="Emails">The protocol's length k: 1 is just the proposal, 2 adds Jill's acknowledgement, and so on.</param>
public sealed record LunchSettings(int Emails)
{
    /// <summary>How long every email takes, in ticks (fixed, so an email's time says its number).</summary>
    public const int EmailTicks = 10;

    /// <summary>Lunchtime: half an email after the last email of the protocol would arrive.</summary>
    public int NoonTick => (Emails * EmailTicks) + (EmailTicks / 2);

    /// <summary>Sam is node 0 and writes the odd emails; Jill is node 1 and writes the even ones.</summary>
    public static Person PersonOf(int node) => node == 0 ? Person.Sam : Person.Jill;
}
