using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Engine.Tests.TwoGenerals;

/// <summary>A seed means one lunch: the same plan plays out the same way every time.</summary>
public class LunchDeterminismTests
{
    [Fact]
    public void The_same_plan_gives_the_same_emails_and_places()
    {
        for (ulong seed = 1; seed <= 100; seed++)
        {
            var plan = new LunchPlan(6, loss: 0.25, seed);

            var first = LunchTrial.Run(plan);
            var second = LunchTrial.Run(plan);

            Assert.Equal(first.Emails.ToArray(), second.Emails.ToArray());
            Assert.Equal((first.Sam, first.Jill), (second.Sam, second.Jill));
        }
    }

    [Fact]
    public void Different_seeds_give_different_lunches()
    {
        var patterns = Enumerable.Range(1, 50)
            .Select(seed => LunchTrial.Run(new LunchPlan(5, loss: 0.4, (ulong)seed)).Delivered)
            .Distinct()
            .Count();

        Assert.True(patterns >= 4, $"only {patterns} different outcomes over 50 seeds");
    }

    [Fact]
    public void Seeds_1_to_12_at_30_percent_loss_play_out_as_recorded()
    {
        // Pins the generator and the draw order: a change here changes every seeded lunch that
        // someone has shared or written down. The numbers were checked against an independent
        // xoshiro256** written in Python, not just copied from a run.
        var delivered = Enumerable.Range(1, 12).Select(seed => LunchTrial.Run(new LunchPlan(6, loss: 0.3, (ulong)seed)).Delivered);

        Assert.Equal(Recorded, delivered.ToArray());
    }

    /// <summary>Six emails, 30% loss: how many arrived before the first went missing, for seeds 1 to 12.</summary>
    private static readonly int[] Recorded = [5, 0, 2, 0, 0, 3, 1, 5, 0, 2, 0, 4];

    [Fact]
    public void Dropping_an_email_by_hand_leaves_the_chances_of_the_others_alone()
    {
        for (ulong seed = 1; seed <= 200; seed++)
        {
            var plan = new LunchPlan(6, loss: 0.2, seed);
            var natural = LunchTrial.Run(plan).Delivered + 1;

            for (var drop = 1; drop <= 6; drop++)
            {
                var dropped = LunchTrial.Run(plan.ToggleDrop(drop));

                Assert.Equal(Math.Min(natural, drop) - 1, dropped.Delivered);
            }
        }
    }
}
