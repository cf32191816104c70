using System.Collections.Immutable;
using System.Globalization;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// One lunch trial to run: how many emails the protocol uses, how likely each is to be lost, the
/// seed for those chances, and which emails the user chose to lose outright.
/// </summary>
/// <param name="Emails">The protocol's length k: 1 is just the proposal, 2 adds Jill's acknowledgement, and so on.</param>
/// <param name="Loss">The chance, from 0 to 1, that any one email is lost on the way.</param>
/// <param name="Seed">Seeds the loss draws, so the same plan always plays out the same way.</param>
/// <param name="Dropped">Email numbers (1..k) that are lost whatever the draws say.</param>
public sealed record LunchPlan(int Emails, double Loss, ulong Seed, ImmutableSortedSet<int> Dropped)
{
    public LunchPlan(int emails, double loss = 0, ulong seed = 1)
        : this(emails, loss, seed, [])
    {
    }

    /// <summary>The same plan with email <paramref name="number"/> lost on purpose, or let through again if it already was.</summary>
    public LunchPlan ToggleDrop(int number)
    {
        var without = Dropped.Remove(number);
        return this with { Dropped = without.Count < Dropped.Count ? without : Dropped.Add(number) };
    }

    /// <summary>Throws with a message that names the bad value when the plan is outside <see cref="LunchLimits"/>.</summary>
    public void Check()
    {
        CheckEmails(Emails, nameof(Emails));
        CheckLoss(Loss, nameof(Loss));
        foreach (var number in Dropped)
        {
            if (number < 1 || number > Emails)
            {
                throw new ArgumentOutOfRangeException(nameof(Dropped), number,
                    string.Create(CultureInfo.InvariantCulture, $"dropped email {number} does not exist: this protocol has emails 1 to {Emails}"));
            }
        }
    }

    internal static void CheckEmails(int emails, string name)
    {
        if (emails is < LunchLimits.MinEmails or > LunchLimits.MaxEmails)
        {
            throw new ArgumentOutOfRangeException(name, emails,
                string.Create(CultureInfo.InvariantCulture, $"the number of emails must be between {LunchLimits.MinEmails} and {LunchLimits.MaxEmails}, not {emails}"));
        }
    }

    internal static void CheckLoss(double loss, string name)
    {
        // Written so that NaN fails too: every comparison with NaN is false.
        if (!(loss >= 0 && loss <= 1))
        {
            throw new ArgumentOutOfRangeException(name, loss,
                string.Create(CultureInfo.InvariantCulture, $"the loss rate must be between 0 and 1, not {loss}"));
        }
    }
}
