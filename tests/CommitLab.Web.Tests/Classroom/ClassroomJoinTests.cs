using CommitLab.Web.Classroom;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>Opening a room and joining it by code and name, within the client's limits and the room's size.</summary>
public sealed class ClassroomJoinTests : IDisposable
{
    private readonly ClassroomHarness classroom = new(new ClassroomOptions { MaxRoomSize = 3 });

    public void Dispose() => classroom.Dispose();

    private static string OtherCode(string code) => code == "ZZZ222" ? "ZZZ333" : "ZZZ222";

    [Fact]
    public void Opening_a_room_gives_a_token_and_a_code_that_joins()
    {
        var (room, token) = classroom.Open();

        Assert.Equal(43, token.Length);
        Assert.Equal(6, room.Code.Length);
        Assert.Equal(room.Code, RoomSecrets.NormalizeCode(room.Code));
        Assert.Equal("2pc-happy-path", room.ScenarioName);
        Assert.Equal("Two-phase commit when nothing goes wrong", room.Title);

        var joined = classroom.Service.Join(RoomSecrets.Display(room.Code).ToLowerInvariant(), "  Ada  ", "203.0.113.5");

        Assert.True(joined.Joined);
        Assert.Null(joined.Error);
        Assert.Same(room, joined.Room);
        Assert.Equal("Ada", joined.Student!.Name);
        Assert.Equal(room.Id, joined.Student.RoomId);
        Assert.Equal(1, room.Joined);
    }

    [Fact]
    public void Two_rooms_get_different_codes_and_tokens()
    {
        var (first, firstToken) = classroom.Open();
        var (second, secondToken) = classroom.Open();

        Assert.NotEqual(first.Code, second.Code);
        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(firstToken, secondToken);
    }

    [Fact]
    public void Each_student_gets_a_private_id_to_come_back_with()
    {
        var (room, _) = classroom.Open();
        var ada = classroom.Join(room, "Ada");
        var grace = classroom.Join(room, "Grace");

        Assert.NotEqual(ada.Id, grace.Id);
        Assert.True(ada.Id.Length >= 22);
        var (back, student) = classroom.Service.Rejoin(room.Code, ada.Id);
        Assert.Same(room, back);
        Assert.Equal("Ada", student!.Name);
        Assert.Equal((null, null), classroom.Service.Rejoin(room.Code, "made-up-id"));
        Assert.Equal((null, null), classroom.Service.Rejoin(OtherCode(room.Code), ada.Id));
    }

    [Fact]
    public void A_student_id_of_one_room_does_not_rejoin_another()
    {
        var (first, _) = classroom.Open();
        var (second, _) = classroom.Open();
        var ada = classroom.Join(first);

        Assert.Null(classroom.Service.Rejoin(second.Code, ada.Id).Student);
    }

    [Fact]
    public void A_wrong_code_is_refused_with_a_hint()
    {
        var (room, _) = classroom.Open();

        var result = classroom.Service.Join(OtherCode(room.Code), "Ada", "203.0.113.5");

        Assert.False(result.Joined);
        Assert.Contains("No room has that code", result.Error, StringComparison.Ordinal);
        Assert.Null(result.RetryAfter);
        Assert.Equal(0, room.Joined);
    }

    [Fact]
    public void After_five_wrong_codes_a_client_is_told_to_wait_but_a_classmate_there_with_the_right_code_gets_in()
    {
        var (room, _) = classroom.Open();
        for (var i = 0; i < classroom.Options.FailedJoinsPerWindow; i++)
        {
            Assert.Contains("No room", classroom.Service.Join("junk", "Mallory", "192.0.2.66").Error, StringComparison.Ordinal);
        }

        var throttled = classroom.Service.Join(OtherCode(room.Code), "Mallory", "192.0.2.66");

        Assert.False(throttled.Joined);
        Assert.Equal(TimeSpan.FromMinutes(1), throttled.RetryAfter);
        Assert.Equal("Too many attempts. Wait 60 s before trying again.", throttled.Error);

        // The lecture hall shares the address: the right code is never refused because of someone else's guesses.
        var classmate = classroom.Service.Join(room.Code, "Ada", "192.0.2.66");
        Assert.True(classmate.Joined, classmate.Error);
        Assert.True(classroom.Service.Join(room.Code, "Grace", "192.0.2.67").Joined);

        // Wrong codes from the address still wait out the window.
        Assert.Contains("Too many attempts", classroom.Service.Join(OtherCode(room.Code), "Mallory", "192.0.2.66").Error, StringComparison.Ordinal);
        classroom.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Contains("No room", classroom.Service.Join(OtherCode(room.Code), "Mallory", "192.0.2.66").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_name_is_refused_without_counting_as_a_wrong_code()
    {
        var (room, _) = classroom.Open();

        for (var i = 0; i < 10; i++)
        {
            var result = classroom.Service.Join(room.Code, i % 2 == 0 ? "   " : "\u202E\u200B", "203.0.113.5");
            Assert.False(result.Joined);
            Assert.Equal("Please enter a name for the room to see (a first name is enough).", result.Error);
        }

        Assert.True(classroom.Service.Join(room.Code, "Ada", "203.0.113.5").Joined);
        Assert.Equal(1, room.Joined);
    }

    [Fact]
    public void A_long_name_is_cut_to_the_limit()
    {
        var (room, _) = classroom.Open();

        var result = classroom.Service.Join(room.Code, new string('x', 500), "203.0.113.5");

        Assert.Equal(new string('x', classroom.Options.MaxNameLength), result.Student!.Name);
    }

    [Fact]
    public void The_room_is_full_at_its_size_and_says_so()
    {
        var (room, _) = classroom.Open();
        for (var i = 1; i <= 3; i++)
        {
            Assert.True(classroom.Service.Join(room.Code, $"Student {i}", $"203.0.113.{i}").Joined);
        }

        var fourth = classroom.Service.Join(room.Code, "Student 4", "203.0.113.4");

        Assert.False(fourth.Joined);
        Assert.Equal("This room is full (3 students). Ask the instructor to open another one.", fourth.Error);
        Assert.Equal(3, room.Joined);
        Assert.Contains(classroom.Log.Warnings, w => w.Contains("is full", StringComparison.Ordinal));
    }

    [Fact]
    public void A_full_room_does_not_stop_another_room()
    {
        var (full, _) = classroom.Open();
        var (other, _) = classroom.Open();
        for (var i = 1; i <= 3; i++)
        {
            classroom.Join(full, $"Student {i}", $"203.0.113.{i}");
        }

        Assert.True(classroom.Service.Join(other.Code, "Student 4", "203.0.113.4").Joined);
    }

    [Fact]
    public void Opening_many_rooms_from_one_address_is_limited_per_hour()
    {
        classroom.Options.MaxLiveRoomsPerClient = 100;
        for (var i = 0; i < classroom.Options.RoomsPerClientPerHour; i++)
        {
            classroom.Open(client: "198.51.100.9");
        }

        var (room, token, error) = classroom.Service.Create(RepositoryScenario(), "2pc-happy-path", "198.51.100.9");

        Assert.Null(room);
        Assert.Null(token);
        Assert.Equal("You have opened many rooms in the last hour; try again in 60 min.", error);
        Assert.Null(classroom.Service.Create(RepositoryScenario(), "2pc-happy-path", "198.51.100.10").Error);
        classroom.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(classroom.Service.Create(RepositoryScenario(), "2pc-happy-path", "198.51.100.9").Error);
    }

    private static CommitLab.Engine.Scenarios.Scenario RepositoryScenario() => Support.RepositoryFiles.Scenario("2pc-happy-path").Scenario;

    [Fact]
    public void When_the_server_cannot_wake_a_room_a_right_code_is_told_to_wait_and_not_counted_as_a_guess()
    {
        classroom.Options.MaxLiveRooms = 1;
        classroom.Options.FailedJoinsPerWindow = 1;
        var (sleeper, _) = classroom.Open();
        classroom.Clock.Advance(TimeSpan.FromMinutes(2));
        var (busy, _) = classroom.Open();
        classroom.Join(busy, "Keeps it busy");
        using var watching = busy.Attend(classroom.Join(busy, "Watching"));

        var refused = classroom.Service.Join(sleeper.Code, "Ada", "203.0.113.9");
        Assert.False(refused.Joined);
        Assert.Equal("The server is busy with other rooms right now; try again in a minute.", refused.Error);

        // Not a wrong guess: with a limit of one failure, a second attempt is still heard.
        var again = classroom.Service.Join(sleeper.Code, "Ada", "203.0.113.9");
        Assert.DoesNotContain("Too many attempts", again.Error, StringComparison.Ordinal);

        var (none, token, error) = classroom.Service.Create(sleeper.Recording, null, "198.51.100.99");
        Assert.Null(none);
        Assert.Null(token);
        Assert.Equal("The server is busy with other rooms right now; try again in a minute.", error);
    }
}
