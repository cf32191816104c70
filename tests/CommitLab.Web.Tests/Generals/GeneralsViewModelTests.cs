using CommitLab.Engine.TwoGenerals;
using CommitLab.Web.Generals;

namespace CommitLab.Web.Tests.Generals;

public sealed class GeneralsViewModelTests
{
    private readonly GeneralsViewModel model = new();

    [Fact]
    public void Starts_with_a_three_email_lunch_already_on_screen_and_no_animation()
    {
        Assert.Equal(3, model.Emails);
        Assert.Equal(10, model.LossPercent);
        Assert.Equal(1, model.Seed);
        Assert.Equal(3, model.Scene.Envelopes.Length);
        Assert.Equal("3 emails, 10% loss, seed 1", model.TrialFacts);
        Assert.False(model.PlaySending);
        Assert.Null(model.Batch);
        Assert.Null(model.Error);
    }

    [Fact]
    public void Offers_one_to_ten_emails()
    {
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], GeneralsViewModel.EmailChoices);
    }

    [Fact]
    public void Sending_three_emails_without_loss_gets_both_outside()
    {
        model.LossPercent = 0;

        model.Send();

        Assert.All(model.Outcome.Emails, e => Assert.Equal(EmailFate.Arrived, e.Fate));
        Assert.Equal("Sam: outside in the sun", model.SamPlace);
        Assert.Equal("Jill: outside in the sun", model.JillPlace);
        Assert.Equal("They met: both ate outside in the sun.", model.MetText);
        Assert.True(model.PlaySending);
        Assert.Equal(1, model.Sends);
    }

    [Fact]
    public void Losing_the_last_of_three_emails_by_hand_splits_them_at_once()
    {
        model.LossPercent = 0;
        model.Send();

        model.Toggle(3);

        Assert.Equal("Sam: outside in the sun", model.SamPlace);
        Assert.Equal("Jill: in the cafeteria", model.JillPlace);
        Assert.Equal("They did not meet: Sam is outside, Jill is in the cafeteria.", model.MetText);
        Assert.Equal("3 emails, 0% loss, seed 1, dropped by you: 3", model.TrialFacts);
        // A toggle shows its effect immediately rather than replaying the whole exchange.
        Assert.False(model.PlaySending);
        Assert.Equal(1, model.Sends);
    }

    [Fact]
    public void Selecting_a_dropped_email_again_lets_it_through()
    {
        model.LossPercent = 0;
        model.Send();
        model.Toggle(2);

        model.Toggle(2);

        Assert.True(model.Outcome.Met);
        Assert.Empty(model.Plan.Dropped);
    }

    [Fact]
    public void Emails_that_are_not_controls_ignore_toggles()
    {
        model.LossPercent = 0;
        model.Send();
        model.Toggle(1);
        var before = model.Plan;

        // Email 2 was never sent once email 1 was dropped: dropping it would change nothing.
        model.Toggle(2);
        model.Toggle(99);

        Assert.Same(before, model.Plan);
    }

    [Fact]
    public void Send_uses_the_edited_settings_and_forgets_hand_dropped_emails()
    {
        model.LossPercent = 0;
        model.Send();
        model.Toggle(3);
        model.Emails = 5;
        model.Seed = 9;

        model.Send();

        Assert.Equal(new LunchPlan(5, 0, 9).Emails, model.Plan.Emails);
        Assert.Empty(model.Plan.Dropped);
        Assert.Equal(5, model.Scene.Envelopes.Length);
        Assert.Equal("5 emails, 0% loss, seed 9", model.TrialFacts);
    }

    [Fact]
    public void Editing_settings_does_not_change_the_trial_on_screen_until_Send()
    {
        var before = model.Outcome;

        model.Emails = 7;
        model.LossPercent = 50;

        Assert.Same(before, model.Outcome);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-4, 1)]
    [InlineData(11, 10)]
    [InlineData(6, 6)]
    public void Email_counts_are_pulled_into_one_to_ten(int value, int expected)
    {
        model.Emails = value;

        Assert.Equal(expected, model.Emails);
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(150, 100)]
    [InlineData(35, 35)]
    public void Loss_rates_are_pulled_into_zero_to_a_hundred_percent(int value, int expected)
    {
        model.LossPercent = value;

        Assert.Equal(expected, model.LossPercent);
    }

    [Fact]
    public void A_negative_seed_is_refused_and_the_trial_on_screen_stays()
    {
        var before = model.Outcome;
        model.Seed = -2;

        model.Send();

        Assert.Equal("The seed must be 0 or more, not -2.", model.Error);
        Assert.Same(before, model.Outcome);

        model.Seed = 2;
        model.Send();
        Assert.Null(model.Error);
    }

    [Fact]
    public void Next_seed_moves_on_by_one_and_sends()
    {
        model.Seed = 41;

        model.SendNextSeed();

        Assert.Equal(42, model.Seed);
        Assert.Equal(42UL, model.Plan.Seed);
        Assert.Equal(1, model.Sends);
    }

    [Fact]
    public void The_same_settings_always_show_the_same_lunch()
    {
        var other = new GeneralsViewModel();
        foreach (var m in new[] { model, other })
        {
            m.Emails = 6;
            m.LossPercent = 30;
            m.Seed = 12;
            m.Send();
        }

        Assert.Equal(model.Outcome.Emails.ToArray(), other.Outcome.Emails.ToArray());
    }

    [Fact]
    public void The_knowledge_ladder_follows_the_emails_that_arrived()
    {
        model.LossPercent = 0;
        model.Send();
        model.Toggle(3);

        Assert.Equal(
            ["Jill knows that Sam wants to eat outside.", "Sam knows that Jill knows that Sam wants to eat outside."],
            model.Knowledge.Select(f => f.Text));
        Assert.Equal("Email 3 did not arrive, so this never became true: “Jill knows that Sam knows that Jill knows that Sam wants to eat outside.”", model.Unreached);
        Assert.StartsWith("Sam writes the last email, number 3", model.LastSenderDoubt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_batch_runs_the_default_grid_and_every_rate_is_above_zero()
    {
        await model.RunBatchAsync();

        var batch = Assert.IsType<BatchView>(model.Batch);
        Assert.False(model.BatchRunning);
        Assert.True(batch.AllAboveZero);
        Assert.Equal(6, batch.Series.Length);
        Assert.All(batch.Series, s => Assert.Equal(10, s.Points.Count));
        Assert.Equal(10, batch.Rows.Length);
        Assert.All(batch.Rows, r => Assert.All(r.Disagreements, d => Assert.True(d > 0)));
    }
}
