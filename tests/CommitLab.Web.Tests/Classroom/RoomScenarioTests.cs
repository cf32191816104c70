using CommitLab.Web.Classroom;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>
/// A room opens any library scenario and plays it through the same playback session as the Lab:
/// the play timer's frames reach the room's pages, and the run ends as its file expects.
/// </summary>
public sealed class RoomScenarioTests
{
    [Theory]
    [InlineData("2pc-participant-votes-no")]
    [InlineData("2pc-outcome-log")]
    [InlineData("3pc-leader-crash-before-precommit")]
    [InlineData("3pc-partition-timeout-detector")]
    public void A_room_on_a_library_scenario_plays_it_live_to_its_expected_outcome(string name)
    {
        using var classroom = new ClassroomHarness(holdTimers: true);
        var (room, token) = classroom.Open(name);
        var console = classroom.Console(room, token);
        var heard = new List<RoomBroadcast>();
        room.Updated += heard.Add;

        console.Play("go");
        for (var i = 0; i < 1_000 && !room.Frame.Snapshot.Finished; i++)
        {
            classroom.Clock.Advance(TimeSpan.FromSeconds(1));
            classroom.Clock.FireTimers();
        }

        var expected = RepositoryFiles.Scenario(name).Scenario.Expect!.Outcome;
        Assert.Equal(name, room.ScenarioName);
        Assert.True(room.Frame.Snapshot.Finished);
        Assert.Equal(expected, room.Frame.Snapshot.Outcome);
        Assert.False(room.Frame.Playing);
        // The pages saw the run move on its own: several timer frames, none carrying the instructor's id.
        Assert.Equal("go", heard[0].ActionId);
        Assert.True(heard.Count(b => b.ActionId is null && b.Frame.Snapshot.Events > 0) >= 2);
        Assert.Equal(0, classroom.Clock.LiveTimers);
    }

    [Fact]
    public void A_room_on_the_tahoe_2pc_scenario_plays_it_live_to_the_end()
    {
        using var classroom = new ClassroomHarness(holdTimers: true);
        var (room, token) = classroom.Open("tahoe-2pc");
        var console = classroom.Console(room, token);
        var heard = new List<RoomBroadcast>();
        room.Updated += heard.Add;

        console.Play("go");
        for (var i = 0; i < 1_000 && !room.Frame.Snapshot.Finished; i++)
        {
            classroom.Clock.Advance(TimeSpan.FromSeconds(1));
            classroom.Clock.FireTimers();
        }

        // The same run as the Lab's: both writers' updates applied in turn, every server on W1#2.
        Assert.Equal("tahoe-2pc", room.ScenarioName);
        Assert.True(room.Frame.Snapshot.Finished);
        Assert.Equal(133, room.Frame.Snapshot.Events);
        Assert.NotNull(room.Frame.Roles);
        Assert.Equal("go", heard[0].ActionId);
        Assert.True(heard.Count(b => b.ActionId is null && b.Frame.Snapshot.Events > 0) >= 2);
    }
}
