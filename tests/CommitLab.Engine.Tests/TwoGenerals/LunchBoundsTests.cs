using CommitLab.Engine.TwoGenerals;

namespace CommitLab.Engine.Tests.TwoGenerals;

/// <summary>Beyond a bound: an exception whose message names the bad value.</summary>
public class LunchBoundsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(21)]
    public void Protocols_shorter_than_1_or_longer_than_20_emails_are_refused(int emails)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LunchTrial.Run(new LunchPlan(emails)));

        Assert.StartsWith($"the number of emails must be between 1 and 20, not {emails}", error.Message, StringComparison.Ordinal);
        Assert.Equal("Emails", error.ParamName);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Loss_rates_outside_0_to_1_are_refused(double loss)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LunchTrial.Run(new LunchPlan(3, loss)));

        Assert.StartsWith("the loss rate must be between 0 and 1, not ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dropping_an_email_the_protocol_does_not_have_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LunchTrial.Run(new LunchPlan(3).ToggleDrop(4)));

        Assert.StartsWith("dropped email 4 does not exist: this protocol has emails 1 to 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_protocol_runs()
    {
        var outcome = LunchTrial.Run(new LunchPlan(LunchLimits.MaxEmails));

        Assert.Equal(20, outcome.Delivered);
        Assert.Equal(20, outcome.Knowledge[^1].Depth);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void Batches_of_fewer_than_1_or_more_than_100000_trials_per_cell_are_refused(int trials)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LunchBatch.Run(new BatchPlan([1], [0.1], trials, 1)));

        Assert.StartsWith($"trials per cell must be between 1 and 100,000, not {trials:N0}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_size_cell_runs()
    {
        var result = LunchBatch.Run(new BatchPlan([20], [0.01], LunchLimits.MaxTrials, 1));

        Assert.Equal(100_000, result.Cells[0].Trials);
    }

    [Fact]
    public void Grids_wider_than_20_email_counts_are_refused()
    {
        var counts = Enumerable.Range(1, 20).Append(1).ToArray();

        var error = Assert.Throws<ArgumentException>(() => LunchBatch.Run(new BatchPlan([.. counts], [0.1], 10, 1)));

        Assert.StartsWith("a batch grid needs 1 to 20 email counts, not 21", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Grids_without_loss_rates_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LunchBatch.Run(new BatchPlan([1], [], 10, 1)));

        Assert.StartsWith("a batch grid needs 1 to 20 loss rates, not 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_values_inside_a_grid_are_refused_like_single_trials()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LunchBatch.Run(new BatchPlan([0], [0.1], 10, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunchBatch.Run(new BatchPlan([1], [2.0], 10, 1)));
    }
}
