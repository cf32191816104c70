using CommitLab.Engine.TwoGenerals;
using static CommitLab.Engine.TwoGenerals.LunchPlace;

namespace CommitLab.Engine.Tests.TwoGenerals;

/// <summary>Sam and Jill's lunch with chosen emails lost: who eats where, and what each one knew.</summary>
public class LunchTrialTests
{
    /// <summary>
    /// Every way to lose one email, or none, for protocols of 1 to 5 emails, with no random loss.
    /// Written out by hand from the story rather than computed, so the engine's rule is checked
    /// against the lecture's reasoning and not against itself.
    /// </summary>
    public static TheoryData<int, int, LunchPlace, LunchPlace> ChosenDrops => new()
    {
        // k = 1: Sam waits for nothing, so he always goes out.
        { 1, 0, Outside, Outside },
        { 1, 1, Outside, Cafeteria },
        // k = 2: Sam waits for 2, Jill for 1.
        { 2, 0, Outside, Outside },
        { 2, 1, Cafeteria, Cafeteria },
        { 2, 2, Cafeteria, Outside },
        // k = 3: Sam waits for 2, Jill for 1 and 3.
        { 3, 0, Outside, Outside },
        { 3, 1, Cafeteria, Cafeteria },
        { 3, 2, Cafeteria, Cafeteria },
        { 3, 3, Outside, Cafeteria },
        // k = 4: Sam waits for 2 and 4, Jill for 1 and 3.
        { 4, 0, Outside, Outside },
        { 4, 1, Cafeteria, Cafeteria },
        { 4, 2, Cafeteria, Cafeteria },
        { 4, 3, Cafeteria, Cafeteria },
        { 4, 4, Cafeteria, Outside },
        // k = 5: Sam waits for 2 and 4, Jill for 1, 3 and 5.
        { 5, 0, Outside, Outside },
        { 5, 1, Cafeteria, Cafeteria },
        { 5, 2, Cafeteria, Cafeteria },
        { 5, 3, Cafeteria, Cafeteria },
        { 5, 4, Cafeteria, Cafeteria },
        { 5, 5, Outside, Cafeteria },
    };

    [Theory]
    [MemberData(nameof(ChosenDrops))]
    public void Dropping_one_chosen_email_puts_each_person_where_the_story_says(int emails, int drop, LunchPlace sam, LunchPlace jill)
    {
        var plan = new LunchPlan(emails);
        var outcome = LunchTrial.Run(drop == 0 ? plan : plan.ToggleDrop(drop));

        Assert.Equal((sam, jill), (outcome.Sam, outcome.Jill));
        Assert.Equal(sam == jill, outcome.Met);
        // Only losing the very last email splits them.
        Assert.Equal(drop == emails, !outcome.Met);
    }

    [Theory]
    [MemberData(nameof(ChosenDrops))]
    public void Emails_before_the_drop_arrive_and_emails_after_it_are_never_written(int emails, int drop, LunchPlace sam, LunchPlace jill)
    {
        _ = (sam, jill);
        var plan = new LunchPlan(emails);
        var outcome = LunchTrial.Run(drop == 0 ? plan : plan.ToggleDrop(drop));

        var expected = Enumerable.Range(1, emails).Select(n =>
            drop == 0 || n < drop ? EmailFate.Arrived : n == drop ? EmailFate.Dropped : EmailFate.NeverSent);
        Assert.Equal(expected, outcome.Emails.Select(e => e.Fate));
        Assert.Equal(drop == 0 ? emails : drop - 1, outcome.Delivered);
    }

    [Fact]
    public void Emails_alternate_from_Sam_to_Jill_and_back()
    {
        var outcome = LunchTrial.Run(new LunchPlan(4));

        Assert.Equal(
            [(1, Person.Sam, Person.Jill), (2, Person.Jill, Person.Sam), (3, Person.Sam, Person.Jill), (4, Person.Jill, Person.Sam)],
            outcome.Emails.Select(e => (e.Number, e.From, e.To)));
    }

    [Fact]
    public void Each_arrival_adds_one_more_knows_that()
    {
        var outcome = LunchTrial.Run(new LunchPlan(4).ToggleDrop(4));

        Assert.Equal(
            [
                "Jill knows that Sam wants to eat outside.",
                "Sam knows that Jill knows that Sam wants to eat outside.",
                "Jill knows that Sam knows that Jill knows that Sam wants to eat outside.",
            ],
            outcome.Knowledge.Select(f => f.Text));
        Assert.Equal([1, 2, 3], outcome.Knowledge.Select(f => f.Depth));
        Assert.Equal([Person.Jill, Person.Sam, Person.Jill], outcome.Knowledge.Select(f => f.Knower));
    }

    [Fact]
    public void Nobody_learns_anything_when_the_proposal_is_lost()
    {
        var outcome = LunchTrial.Run(new LunchPlan(3).ToggleDrop(1));

        Assert.Empty(outcome.Knowledge);
    }

    [Theory]
    [InlineData(1, "Sam writes the last email, number 1,", "then Jill writes the last one")]
    [InlineData(2, "Jill writes the last email, number 2,", "then Sam writes the last one")]
    [InlineData(3, "Sam writes the last email, number 3,", "A protocol with 4 emails")]
    public void The_outcome_says_why_the_last_writer_cannot_know_the_last_email_arrived(int emails, string start, string shift)
    {
        var doubt = LunchTrial.Run(new LunchPlan(emails)).LastSenderDoubt;

        Assert.StartsWith(start, doubt, StringComparison.Ordinal);
        Assert.Contains(shift, doubt, StringComparison.Ordinal);
        Assert.Contains("can never know it arrived", doubt, StringComparison.Ordinal);

        // The impossibility covers every protocol, adaptive ones included, not only fixed email counts.
        Assert.Contains("No protocol at all", doubt, StringComparison.Ordinal);
        Assert.DoesNotContain("fixed number", doubt, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropping_an_email_twice_lets_it_through_again()
    {
        var plan = new LunchPlan(3).ToggleDrop(2).ToggleDrop(2);

        Assert.Empty(plan.Dropped);
        Assert.True(LunchTrial.Run(plan).Met);
    }

    [Theory]
    [InlineData(1, Outside, Cafeteria)]
    [InlineData(2, Cafeteria, Cafeteria)]
    [InlineData(7, Cafeteria, Cafeteria)]
    public void At_a_loss_rate_of_one_the_proposal_is_lost_by_chance(int emails, LunchPlace sam, LunchPlace jill)
    {
        var outcome = LunchTrial.Run(new LunchPlan(emails, loss: 1));

        Assert.Equal(EmailFate.Lost, outcome.Emails[0].Fate);
        Assert.All(outcome.Emails.Skip(1), e => Assert.Equal(EmailFate.NeverSent, e.Fate));
        Assert.Equal((sam, jill), (outcome.Sam, outcome.Jill));
    }

    [Fact]
    public void Whatever_the_chances_they_are_apart_exactly_when_only_the_last_email_went_missing()
    {
        for (ulong seed = 1; seed <= 500; seed++)
        {
            var emails = (int)(seed % 6) + 1;
            var outcome = LunchTrial.Run(new LunchPlan(emails, loss: 0.3, seed));

            var onlyLastMissing = outcome.Delivered == emails - 1;
            Assert.Equal(onlyLastMissing, !outcome.Met);
            if (!outcome.Met)
            {
                // The last email's writer got everything they waited for; its reader did not.
                Assert.Equal(Outside, outcome.PlaceOf(Email.SenderOf(emails)));
                Assert.Equal(Cafeteria, outcome.PlaceOf(Email.ReceiverOf(emails)));
            }
        }
    }
}
