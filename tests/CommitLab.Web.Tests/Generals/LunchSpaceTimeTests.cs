using CommitLab.Web.Generals;

namespace CommitLab.Web.Tests.Generals;

/// <summary>The lunch on screen runs on the simulator, so the Lab's space-time diagram draws its emails.</summary>
public class LunchSpaceTimeTests
{
    [Fact]
    public void Three_emails_that_arrive_are_three_arrows_between_Sam_and_Jill()
    {
        var model = new GeneralsViewModel { Emails = 3, LossPercent = 0 };
        model.Send();

        Assert.Contains("<title id=\"st-title\">Space-time diagram of the lunch</title>", model.SpaceTimeSvg, StringComparison.Ordinal);
        Assert.Contains("Space-time diagram of 2 nodes (Sam, Jill) up to 35 ms", model.SpaceTimeSvg, StringComparison.Ordinal);
        Assert.Contains("3 in all, 0 lost", model.SpaceTimeSvg, StringComparison.Ordinal);
        Assert.Contains(">PROPOSAL<", model.SpaceTimeSvg, StringComparison.Ordinal);
    }

    [Fact]
    public void Losing_the_last_email_by_hand_draws_it_lost_and_marks_the_split()
    {
        var model = new GeneralsViewModel { Emails = 3, LossPercent = 0 };
        model.Send();
        model.Toggle(3);

        Assert.Contains("3 in all, 1 lost", model.SpaceTimeSvg, StringComparison.Ordinal);
        Assert.Contains("same place at noon: Sam eats outside but Jill eats in the cafeteria", model.SpaceTimeSvg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lost_middle_email_leaves_the_rest_unwritten()
    {
        var model = new GeneralsViewModel { Emails = 4, LossPercent = 0 };
        model.Send();
        model.Toggle(2);

        // Email 3 and 4 are never written, so only two arrows; both stay in, and nothing is marked.
        Assert.Contains("2 in all, 1 lost", model.SpaceTimeSvg, StringComparison.Ordinal);
        Assert.DoesNotContain("same place at noon", model.SpaceTimeSvg, StringComparison.Ordinal);
    }
}
