using CommitLab.Engine.TwoGenerals;
using CommitLab.Web.Generals;

namespace CommitLab.Web.Tests.Generals;

public sealed class BatchViewTests
{
    private static readonly BatchView Small = BatchView.From(LunchBatch.Run(new BatchPlan([1, 3], [0.1, 0.3, 0.5], 4_000, Seed: 3)));

    [Fact]
    public void One_chart_line_per_email_count_with_one_point_per_loss_rate_in_percent()
    {
        Assert.Equal(["1 email", "3 emails"], Small.Series.Select(s => s.Title));
        Assert.Equal([10.0, 30.0, 50.0], Small.Series[0].Points.Select(p => p.LossPercent));
        Assert.All(Small.Series.SelectMany(s => s.Points), p => Assert.InRange(p.DisagreementPercent, 0.001, 100));
    }

    [Fact]
    public void Chart_points_are_a_plain_array()
    {
        Assert.All(Small.Series, s => Assert.IsType<RatePoint[]>(s.Points));
    }

    [Fact]
    public void One_table_row_per_loss_rate_with_one_rate_per_email_count()
    {
        Assert.Equal(["10%", "30%", "50%"], Small.Rows.Select(r => r.Loss));
        Assert.All(Small.Rows, r => Assert.Equal(2, r.Rates.Length));
        Assert.All(Small.Rows.SelectMany(r => r.Rates), rate => Assert.Matches(@"^\d+\.\d$", rate));
    }

    [Fact]
    public void The_headline_says_every_rate_is_above_zero_and_names_the_lowest()
    {
        Assert.True(Small.AllAboveZero);
        Assert.StartsWith("Every one of the 6 disagreement rates is above zero; the lowest is ", Small.Headline, StringComparison.Ordinal);
        Assert.Contains("for 3 emails at", Small.Headline, StringComparison.Ordinal);
        Assert.Contains("common knowledge", Small.Explanation, StringComparison.Ordinal);
        Assert.Contains("never learns whether it arrived", Small.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_trials_can_miss_the_split_and_the_headline_says_so()
    {
        var view = BatchView.From(LunchBatch.Run(new BatchPlan([6], [0.01], 1, Seed: 1)));

        Assert.False(view.AllAboveZero);
        Assert.StartsWith("Some cells saw no disagreement at all", view.Headline, StringComparison.Ordinal);
        Assert.Equal("0.0", view.Rows[0].Rates[0]);
    }

    [Theory]
    [InlineData(1, 100_000, "<0.1")]
    [InlineData(49, 100_000, "<0.1")]
    [InlineData(60, 100_000, "0.1")]
    [InlineData(1_234, 10_000, "12.3")]
    [InlineData(0, 10, "0.0")]
    public void A_tiny_rate_above_zero_is_never_rounded_down_to_zero(int disagreements, int trials, string expected)
    {
        Assert.Equal(expected, BatchView.Rate(new BatchCell(6, 0.05, trials, disagreements)));
    }
}
