using CommitLab.Engine.TwoGenerals;
using CommitLab.Web.Generals;

namespace CommitLab.Web.Tests.Generals;

public sealed class SceneViewTests
{
    private static SceneView Scene(int emails, params int[] drops)
    {
        var plan = new LunchPlan(emails);
        foreach (var drop in drops)
        {
            plan = plan.ToggleDrop(drop);
        }

        return SceneView.From(LunchTrial.Run(plan));
    }

    [Fact]
    public void Arrived_emails_rest_beside_their_reader_and_start_beside_their_writer()
    {
        var scene = Scene(2);

        var toJill = scene.Envelopes[0];
        Assert.Equal(SceneLayout.BesideLane(samSide: false), toJill.X);
        Assert.Equal(SceneLayout.BesideLane(samSide: true), toJill.StartX);
        Assert.True(toJill.TravelX < 0, "an email to Jill travels left to right, so it starts to the left");

        var toSam = scene.Envelopes[1];
        Assert.Equal(SceneLayout.BesideLane(samSide: true), toSam.X);
        Assert.True(toSam.TravelX > 0);
    }

    [Fact]
    public void A_dropped_email_stops_in_the_middle_and_the_rest_stay_with_their_writer()
    {
        var scene = Scene(4, 2);

        Assert.Equal(SceneLayout.MiddleX, scene.Envelopes[1].X);
        Assert.Equal(SceneLayout.BesideLane(samSide: true), scene.Envelopes[2].X);
        Assert.Equal(0, scene.Envelopes[2].TravelX);
        Assert.Equal(["read", "dropped", "not sent", "not sent"], scene.Envelopes.Select(e => e.Status));
    }

    [Fact]
    public void Each_email_has_a_name_that_says_what_selecting_it_does()
    {
        var scene = Scene(4, 3);

        Assert.Equal(
            [
                "Email 1, Sam to Jill, arrived — click to lose it",
                "Email 2, Jill to Sam, arrived — click to lose it",
                "Email 3, Sam to Jill, dropped by you — click to let it through",
                "Email 4, Jill to Sam, never sent: Jill had nothing to answer",
            ],
            scene.Envelopes.Select(e => e.Label));
        Assert.Equal([true, true, true, false], scene.Envelopes.Select(e => e.Clickable));
    }

    [Fact]
    public void An_email_lost_by_chance_is_described_but_not_a_control()
    {
        var scene = SceneView.From(LunchTrial.Run(new LunchPlan(2, loss: 1)));

        Assert.Equal("Email 1, Sam to Jill, lost on the way", scene.Envelopes[0].Label);
        Assert.False(scene.Envelopes[0].Clickable);
        Assert.Equal("lost", scene.Envelopes[0].FateName);
        Assert.Equal("never-sent", scene.Envelopes[1].FateName);
    }

    [Fact]
    public void Rows_go_down_one_per_email_and_the_drawing_grows_with_them()
    {
        var short_ = Scene(1);
        var long_ = Scene(10);

        Assert.Equal(
            Enumerable.Range(0, 10).Select(i => SceneLayout.FirstRowY + i * SceneLayout.RowHeight),
            long_.Envelopes.Select(e => e.Y));
        Assert.Equal(9 * SceneLayout.RowHeight, long_.Height - short_.Height);
    }

    [Fact]
    public void The_status_word_faces_the_middle()
    {
        var scene = Scene(2);

        Assert.True(scene.Envelopes[0].StatusOnLeft, "beside Jill, the word goes to the left");
        Assert.False(scene.Envelopes[1].StatusOnLeft, "beside Sam, the word goes to the right");
    }

    [Fact]
    public void The_scene_carries_the_noon_places()
    {
        var scene = Scene(3, 3);

        Assert.Equal((LunchPlace.Outside, LunchPlace.Cafeteria, false), (scene.Sam, scene.Jill, scene.Met));
    }
}
