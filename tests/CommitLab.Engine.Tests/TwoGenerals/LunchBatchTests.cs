using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Engine.Tests.TwoGenerals;

/// <summary>
/// The batch's central claim: for every loss rate between 0 and 1 and every finite number of
/// emails, Sam and Jill sometimes end up apart, because losing exactly the last email splits them.
/// </summary>
public class LunchBatchTests
{
    private static readonly Lazy<BatchResult> DefaultRun = new(() => LunchBatch.Run(BatchPlan.Default));

    [Fact]
    public void Every_cell_of_the_default_grid_measures_a_disagreement_rate_above_zero()
    {
        var result = DefaultRun.Value;

        Assert.Equal(BatchPlan.Default.EmailCounts.Length * BatchPlan.Default.LossRates.Length, result.Cells.Length);
        Assert.All(result.Cells, cell => Assert.True(cell.Disagreements > 0, $"{cell.Emails} emails at {cell.Loss:P0}: no disagreements"));
        Assert.True(result.MinRate > 0);
    }

    [Fact]
    public void Every_cell_of_the_default_grid_is_close_to_loss_times_the_chance_the_others_arrived()
    {
        foreach (var cell in DefaultRun.Value.Cells)
        {
            var expected = cell.Loss * Math.Pow(1 - cell.Loss, cell.Emails - 1);
            // Five standard errors: a seeded run either passes forever or fails forever, and a
            // correct engine sits this far out with odds of about one in three million per cell.
            var tolerance = 5 * Math.Sqrt(expected * (1 - expected) / cell.Trials);

            Assert.Equal(expected, cell.Expected, 12);
            Assert.InRange(cell.Rate, expected - tolerance, expected + tolerance);
        }
    }

    [Fact]
    public void Both_eat_outside_as_often_as_every_email_arrives_and_a_worse_network_lowers_it()
    {
        foreach (var cell in DefaultRun.Value.Cells)
        {
            var expected = Math.Pow(1 - cell.Loss, cell.Emails);
            var tolerance = 5 * Math.Sqrt(expected * (1 - expected) / cell.Trials);

            Assert.Equal(expected, LunchBatch.MetOutsideChance(cell.Emails, cell.Loss), 12);
            Assert.InRange(cell.MetOutsideRate, expected - tolerance, expected + tolerance);
            Assert.True(cell.Disagreements + cell.MetOutside <= cell.Trials);
        }

        // At 50 % loss six emails split them less often than two do, yet get them outside far less:
        // the disagreement chart alone would make the worse outcome look better.
        var result = DefaultRun.Value;
        Assert.True(result.Cell(6, 0.5).Rate < result.Cell(2, 0.5).Rate);
        Assert.True(result.Cell(6, 0.5).MetOutsideRate < result.Cell(2, 0.5).MetOutsideRate / 10);
    }

    [Fact]
    public void The_chance_of_disagreeing_is_above_zero_for_every_loss_strictly_between_0_and_1_and_every_k()
    {
        foreach (var loss in new[] { 1e-6, 0.01, 0.05, 0.5, 0.95, 1 - 1e-6 })
        {
            for (var emails = LunchLimits.MinEmails; emails <= LunchLimits.MaxEmails; emails++)
            {
                Assert.True(LunchBatch.DisagreementChance(emails, loss) > 0, $"{emails} emails at loss {loss}");
            }
        }
    }

    [Fact]
    public void More_emails_lower_the_rate_but_never_to_zero()
    {
        var result = DefaultRun.Value;

        foreach (var loss in BatchPlan.Default.LossRates)
        {
            var rates = BatchPlan.Default.EmailCounts.Select(k => result.Cell(k, loss).Rate).ToList();
            Assert.Equal(rates.OrderDescending(), rates);
            Assert.True(rates[^1] > 0);
        }
    }

    [Fact]
    public void Without_loss_they_always_meet_and_with_total_loss_only_the_one_email_protocol_splits_them()
    {
        var result = LunchBatch.Run(new BatchPlan([1, 2, 5], [0.0, 1.0], 1_000, Seed: 7));

        Assert.All(BatchPlan.Default.EmailCounts.Intersect([1, 2, 5]), k => Assert.Equal(0, result.Cell(k, 0.0).Disagreements));
        // Everything is lost: Sam still goes out on his own proposal, Jill never hears of it.
        Assert.Equal(1_000, result.Cell(1, 1.0).Disagreements);
        // With two or more emails the lost proposal leaves both unsure, and both eat inside.
        Assert.Equal(0, result.Cell(2, 1.0).Disagreements);
        Assert.Equal(0, result.Cell(5, 1.0).Disagreements);
    }

    [Fact]
    public void The_same_batch_plan_gives_the_same_counts()
    {
        var plan = new BatchPlan([1, 3], [0.1, 0.4], 5_000, Seed: 99);

        Assert.Equal(LunchBatch.Run(plan).Cells.ToArray(), LunchBatch.Run(plan).Cells.ToArray());
    }

    [Fact]
    public void A_cells_counts_do_not_depend_on_the_rest_of_the_grid()
    {
        var small = LunchBatch.Run(new BatchPlan([3], [0.2], 5_000, Seed: 5));
        var large = LunchBatch.Run(new BatchPlan([1, 2, 3, 4], [0.1, 0.2, 0.3], 5_000, Seed: 5));

        Assert.Equal(small.Cell(3, 0.2), large.Cell(3, 0.2));
    }

    [Fact]
    public void A_different_seed_gives_different_counts()
    {
        var a = LunchBatch.Run(new BatchPlan([2], [0.3], 10_000, Seed: 1)).Cells[0];
        var b = LunchBatch.Run(new BatchPlan([2], [0.3], 10_000, Seed: 2)).Cells[0];

        Assert.NotEqual(a.Disagreements, b.Disagreements);
    }

    [Fact]
    public void Cells_come_in_the_plans_order_email_count_first()
    {
        var result = LunchBatch.Run(new BatchPlan([2, 1], [0.3, 0.1], 10, Seed: 1));

        Assert.Equal([(2, 0.3), (2, 0.1), (1, 0.3), (1, 0.1)], result.Cells.Select(c => (c.Emails, c.Loss)));
        Assert.Throws<ArgumentException>(() => result.Cell(3, 0.3));
    }

    [Fact]
    public void The_default_grid_is_what_the_page_promises()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6], BatchPlan.Default.EmailCounts.ToArray());
        Assert.Equal(0.05, BatchPlan.Default.LossRates[0]);
        Assert.Equal(0.50, BatchPlan.Default.LossRates[^1]);
        Assert.Equal(20_000, BatchPlan.Default.Trials);
    }
}
