using CommitLab.Engine.TwoGenerals;
using CommitLab.Web.Generals;

namespace CommitLab.Web.Tests.Generals;

public sealed class OutcomeTextTests
{
    private static LunchOutcome Run(int emails, int drop = 0) =>
        LunchTrial.Run(drop == 0 ? new LunchPlan(emails) : new LunchPlan(emails).ToggleDrop(drop));

    [Fact]
    public void Places_are_written_with_the_persons_name()
    {
        Assert.Equal("Sam: outside in the sun", OutcomeText.Place(Person.Sam, LunchPlace.Outside));
        Assert.Equal("Jill: in the cafeteria", OutcomeText.Place(Person.Jill, LunchPlace.Cafeteria));
    }

    [Theory]
    [InlineData(3, 0, "They met: both ate outside in the sun.")]
    [InlineData(3, 1, "They met: both ate in the cafeteria, safe but sunless.")]
    [InlineData(3, 3, "They did not meet: Sam is outside, Jill is in the cafeteria.")]
    [InlineData(2, 2, "They did not meet: Jill is outside, Sam is in the cafeteria.")]
    public void Met_says_whether_and_where(int emails, int drop, string expected)
    {
        Assert.Equal(expected, OutcomeText.Met(Run(emails, drop)));
    }

    [Fact]
    public void Why_blames_the_missing_email()
    {
        Assert.StartsWith("Every email arrived", OutcomeText.Why(Run(3)), StringComparison.Ordinal);
        Assert.StartsWith("Email 2 went missing and nobody wrote another", OutcomeText.Why(Run(4, 2)), StringComparison.Ordinal);
        Assert.Equal(
            "Only the last email, number 4, went missing. Jill had every email she was waiting for and went out; Sam never saw email 4 and stayed in.",
            OutcomeText.Why(Run(4, 4)));
        Assert.Equal(
            "Only the last email, number 1, went missing. Sam had nothing to wait for and went out; Jill never saw email 1 and stayed in.",
            OutcomeText.Why(Run(1, 1)));
    }

    [Fact]
    public void Unreached_names_the_rung_that_never_became_true()
    {
        Assert.Null(OutcomeText.Unreached(Run(2)));
        Assert.Equal(
            "Email 1 did not arrive, so this never became true: “Jill knows that Sam wants to eat outside.”",
            OutcomeText.Unreached(Run(2, 1)));
    }
}
