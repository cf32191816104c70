using CommitLab.Web.Classroom;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>
/// Live rooms are shared fairly: one client holds only so many, an idle room of the client that
/// holds the most sleeps first, a right console link always opens its room or says honestly why
/// not, and rooms nobody uses expire.
/// </summary>
public sealed class RoomCapacityTests : IDisposable
{
    private readonly ClassroomHarness classroom = new(new ClassroomOptions { MaxLiveRooms = 3, MaxLiveRoomsPerClient = 2 });

    public void Dispose() => classroom.Dispose();

    private const string Busy = "The server is busy with other rooms right now; try again in a minute.";

    [Fact]
    public void One_client_holding_its_rooms_in_use_cannot_open_more_and_others_still_can()
    {
        var (first, firstToken) = classroom.Open(client: "192.0.2.66");
        var (second, secondToken) = classroom.Open(client: "192.0.2.66");
        using var holdFirst = classroom.Console(first, firstToken).Room.HoldConsole();
        using var holdSecond = classroom.Console(second, secondToken).Room.HoldConsole();
        classroom.Clock.Advance(TimeSpan.FromMinutes(5));

        var (none, _, error) = classroom.Service.Create(first.Recording, null, "192.0.2.66");

        Assert.Null(none);
        Assert.Equal("You have 2 rooms in use right now; close the console of one you no longer need, or try again in a minute.", error);
        Assert.Null(classroom.Service.Create(first.Recording, null, "198.51.100.7").Error);
        Assert.Equal(3, classroom.Service.LiveRooms);
    }

    [Fact]
    public void A_client_past_its_share_puts_its_own_idle_room_to_sleep_not_someone_elses()
    {
        var (others, _) = classroom.Open(client: "198.51.100.7");
        classroom.Clock.Advance(TimeSpan.FromMinutes(10));
        var (mine1, _) = classroom.Open(client: "192.0.2.66");
        var (mine2, _) = classroom.Open(client: "192.0.2.66");
        classroom.Clock.Advance(TimeSpan.FromMinutes(2));

        // The server is full, and the other client's room is the idlest; the client holding the most gives way.
        var (third, _) = classroom.Open(client: "203.0.113.9");

        Assert.Equal(3, classroom.Service.LiveRooms);
        Assert.True(classroom.Service.IsLive(others));
        Assert.True(classroom.Service.IsLive(third));
        Assert.Single(new[] { mine1, mine2 }, classroom.Service.IsLive);
    }

    [Fact]
    public void A_right_console_link_to_a_sleeping_room_says_the_server_is_busy_and_opens_it_once_there_is_space()
    {
        classroom.Options.MaxLiveRooms = 1;
        var (sleeper, token) = classroom.Open(client: "198.51.100.7");
        classroom.Clock.Advance(TimeSpan.FromMinutes(2));
        var (busy, _) = classroom.Open(client: "192.0.2.66");
        var watching = busy.Attend(classroom.Join(busy, "Watching"));

        var refused = classroom.Service.OpenConsole(sleeper.Id, token, "console page");
        Assert.Null(refused.Console);
        Assert.Equal(Busy, refused.Error);
        Assert.Equal(ConsoleAccess.NotValid, classroom.Service.OpenConsole(sleeper.Id, RoomSecrets.NewToken(), "console page").Error);

        watching.Dispose();
        classroom.Clock.Advance(TimeSpan.FromMinutes(2));
        var opened = classroom.Service.OpenConsole(sleeper.Id, token, "console page");
        Assert.Null(opened.Error);
        Assert.Equal(sleeper.Code, opened.Console!.Room.Code);
    }

    [Fact]
    public void A_room_nobody_used_for_its_lifetime_expires_and_its_code_and_link_say_so()
    {
        var (room, token) = classroom.Open();
        var (used, _) = classroom.Open(client: "198.51.100.8");
        classroom.Clock.Advance(TimeSpan.FromHours(11));
        classroom.Join(used, "Keeps it going");
        classroom.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        var join = classroom.Service.Join(room.Code, "Late", "203.0.113.80");
        Assert.False(join.Joined);
        Assert.Equal("This room has expired: rooms close 12 hours after they were last used. Ask the instructor to open a new one.", join.Error);
        var console = classroom.Service.OpenConsole(room.Id, token, "console page");
        Assert.Null(console.Console);
        Assert.Equal(join.Error, console.Error);
        Assert.Equal(ConsoleAccess.NotValid, classroom.Service.OpenConsole(room.Id, RoomSecrets.NewToken(), "console page").Error);

        // Used an hour ago: still open, also after a restart.
        Assert.True(classroom.Service.Join(used.Code, "On time", "203.0.113.81").Joined);
        classroom.Restart();
        Assert.True(classroom.Service.Join(used.Code, "After restart", "203.0.113.82").Joined);
        Assert.Contains("expired", classroom.Service.Join(room.Code, "Late", "203.0.113.80").Error, StringComparison.Ordinal);
    }
}
