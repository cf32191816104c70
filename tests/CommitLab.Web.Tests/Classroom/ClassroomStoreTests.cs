using System.Collections.Immutable;
using CommitLab.Web.Classroom;
using CommitLab.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>The SQLite file behind rooms, students and polls: created on first start, read back after a restart.</summary>
public sealed class ClassroomStoreTests : IDisposable
{
    private static readonly DateTimeOffset Nine = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private static RoomRecord Room(string id = "room-1", string code = "ABC234", string token = "secret") =>
        new(id, code, RoomSecrets.HashToken(token), "2pc-happy-path", "title: x\n", 12, 345, 2.5, Nine);

    private static StudentRecord Student(string id, string roomId = "room-1", string name = "Ada") => new(id, roomId, name, Nine);

    private List<string> Tables()
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(folder.Path, ClassroomStore.FileName)}");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
        using var row = query.ExecuteReader();
        var names = new List<string>();
        while (row.Read())
        {
            names.Add(row.GetString(0));
        }

        return names;
    }

    private void Execute(string sql)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(folder.Path, ClassroomStore.FileName)}");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void The_first_start_creates_the_folder_the_file_and_the_schema()
    {
        Assert.False(Directory.Exists(folder.Path));

        var store = new ClassroomStore(folder.Path);

        Assert.Equal(Path.Combine(folder.Path, "classroom.db"), store.Path);
        Assert.True(File.Exists(store.Path));
        Assert.Equal(["answers", "polls", "rooms", "schema_version", "sqlite_sequence", "students"], Tables());
    }

    [Fact]
    public void Opening_the_same_file_again_keeps_one_schema_version()
    {
        _ = new ClassroomStore(folder.Path);
        _ = new ClassroomStore(folder.Path);

        using var db = new SqliteConnection($"Data Source={Path.Combine(folder.Path, ClassroomStore.FileName)}");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = "SELECT COUNT(*), MAX(version) FROM schema_version";
        using var row = query.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(1, row.GetInt32(0));
        Assert.Equal(1, row.GetInt32(1));
    }

    [Fact]
    public void A_file_from_a_newer_version_is_refused_rather_than_misread()
    {
        _ = new ClassroomStore(folder.Path);
        Execute("UPDATE schema_version SET version = 99");

        var error = Assert.Throws<ClassroomStoreException>(() => new ClassroomStore(folder.Path));
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_room_comes_back_by_id_and_by_code_with_every_field()
    {
        var store = new ClassroomStore(folder.Path);
        var saved = Room();
        store.AddRoom(saved);

        foreach (var found in new[] { store.FindRoomById("room-1"), store.FindRoomByCode("ABC234") })
        {
            Assert.NotNull(found);
            Assert.Equal(saved.Id, found.Id);
            Assert.Equal(saved.Code, found.Code);
            Assert.Equal(saved.TokenHash, found.TokenHash);
            Assert.Equal(saved.ScenarioName, found.ScenarioName);
            Assert.Equal(saved.RecordingYaml, found.RecordingYaml);
            Assert.Equal(12, found.CursorEvents);
            Assert.Equal(345, found.CursorTick);
            Assert.Equal(2.5, found.Speed);
            Assert.Equal(Nine, found.CreatedAt);
            Assert.True(RoomSecrets.TokenMatches("secret", found.TokenHash));
        }

        Assert.True(store.CodeExists("ABC234"));
        Assert.False(store.CodeExists("ABC235"));
        Assert.Null(store.FindRoomById("room-2"));
        Assert.Null(store.FindRoomByCode("ABC235"));
    }

    [Fact]
    public void Two_rooms_cannot_share_a_code()
    {
        var store = new ClassroomStore(folder.Path);
        store.AddRoom(Room());

        Assert.Throws<SqliteException>(() => store.AddRoom(Room(id: "room-2")));
    }

    [Fact]
    public void Saving_the_run_replaces_the_recording_and_the_cursor()
    {
        var store = new ClassroomStore(folder.Path);
        store.AddRoom(Room());

        store.SaveRun("room-1", null, "title: y\n", 40, 900, 0.5);

        var found = store.FindRoomById("room-1")!;
        Assert.Null(found.ScenarioName);
        Assert.Equal("title: y\n", found.RecordingYaml);
        Assert.Equal(40, found.CursorEvents);
        Assert.Equal(900, found.CursorTick);
        Assert.Equal(0.5, found.Speed);
    }

    [Fact]
    public void Students_are_counted_per_room_and_found_only_in_their_room()
    {
        var store = new ClassroomStore(folder.Path);
        store.AddRoom(Room());
        store.AddRoom(Room(id: "room-2", code: "XYZ789"));
        store.AddStudent(Student("s1", name: "Ada"));
        store.AddStudent(Student("s2", name: "<b>Grace</b>"));
        store.AddStudent(Student("s3", name: "Edsger"));
        store.AddStudent(Student("t1", roomId: "room-2", name: "Barbara"));

        Assert.Equal(3, store.CountStudents("room-1"));
        Assert.Equal(1, store.CountStudents("room-2"));
        Assert.Equal(0, store.CountStudents("room-3"));
        Assert.Equal("<b>Grace</b>", store.FindStudent("room-1", "s2")!.Name);
        Assert.Equal(Nine, store.FindStudent("room-1", "s2")!.JoinedAt);
        Assert.Null(store.FindStudent("room-2", "s1"));
        Assert.Null(store.FindStudent("room-1", "nobody"));
    }

    [Fact]
    public void A_poll_keeps_one_answer_per_student_and_the_latest_choice_wins()
    {
        var store = new ClassroomStore(folder.Path);
        store.AddRoom(Room());
        store.AddStudent(Student("s1"));
        store.AddStudent(Student("s2"));
        var id = store.AddPoll("room-1", "Who decides?", ["L", "P1", "Nobody"], 0, 321);

        store.SaveAnswer(id, "s1", 2);
        store.SaveAnswer(id, "s2", 1);
        store.SaveAnswer(id, "s1", 0);

        var poll = store.CurrentPoll("room-1")!;
        Assert.Equal(id, poll.Id);
        Assert.Equal("Who decides?", poll.Question);
        Assert.Equal<string>(["L", "P1", "Nobody"], poll.Options);
        Assert.Equal(0, poll.Correct);
        Assert.Equal(PollStatus.Open, poll.Status);
        Assert.Equal(321, poll.AtTick);
        Assert.Equal(2, poll.Answers.Count);
        Assert.Equal(0, poll.Answers["s1"]);
        Assert.Equal(1, poll.Answers["s2"]);
    }

    [Fact]
    public void An_opinion_poll_has_no_right_answer()
    {
        var store = new ClassroomStore(folder.Path);
        store.AddRoom(Room());

        store.AddPoll("room-1", "Ready?", ["Yes", "No"], null, 0);

        Assert.Null(store.CurrentPoll("room-1")!.Correct);
    }

    [Fact]
    public void A_new_poll_closes_the_previous_one_which_keeps_its_answers_in_the_history()
    {
        var store = new ClassroomStore(folder.Path);
        store.AddRoom(Room());
        store.AddStudent(Student("s1"));
        var first = store.AddPoll("room-1", "First?", ["a", "b"], 1, 10);
        store.SaveAnswer(first, "s1", 1);
        store.SetPollStatus(first, PollStatus.Revealed);

        var second = store.AddPoll("room-1", "Second?", ["c", "d"], null, 20);

        Assert.Equal(second, store.CurrentPoll("room-1")!.Id);
        var history = store.AllPolls("room-1");
        Assert.Equal([second, first], history.Select(p => p.Id));
        Assert.Equal(PollStatus.Closed, history[1].Status);
        Assert.Equal(1, history[1].Answers["s1"]);
        Assert.Empty(history[0].Answers);
    }

    [Fact]
    public void Revealing_keeps_the_poll_on_screen_and_closing_takes_it_off()
    {
        var store = new ClassroomStore(folder.Path);
        store.AddRoom(Room());
        var id = store.AddPoll("room-1", "Q?", ["a", "b"], null, 0);

        store.SetPollStatus(id, PollStatus.Revealed);
        Assert.Equal(PollStatus.Revealed, store.CurrentPoll("room-1")!.Status);

        store.SetPollStatus(id, PollStatus.Closed);
        Assert.Null(store.CurrentPoll("room-1"));
        Assert.Single(store.AllPolls("room-1"));
    }

    [Fact]
    public void Polls_of_one_room_do_not_close_or_show_in_another()
    {
        var store = new ClassroomStore(folder.Path);
        store.AddRoom(Room());
        store.AddRoom(Room(id: "room-2", code: "XYZ789"));
        var mine = store.AddPoll("room-1", "Mine?", ["a", "b"], null, 0);

        store.AddPoll("room-2", "Theirs?", ["c", "d"], null, 0);

        Assert.Equal(mine, store.CurrentPoll("room-1")!.Id);
        Assert.Single(store.AllPolls("room-2"));
    }

    [Fact]
    public void A_second_store_over_the_same_file_sees_everything_after_a_restart()
    {
        var before = new ClassroomStore(folder.Path);
        before.AddRoom(Room());
        before.AddStudent(Student("s1"));
        before.AddStudent(Student("s2", name: "Grace"));
        var first = before.AddPoll("room-1", "First?", ["a", "b"], 0, 5);
        before.SaveAnswer(first, "s1", 0);
        var second = before.AddPoll("room-1", "Second?", ["a", "b", "c"], 2, 50);
        before.SaveAnswer(second, "s1", 2);
        before.SaveAnswer(second, "s2", 1);
        before.SaveRun("room-1", "2pc-happy-path", "title: after\n", 7, 77, 1);
        SqliteConnection.ClearAllPools();

        var after = new ClassroomStore(folder.Path);

        var room = after.FindRoomByCode("ABC234")!;
        Assert.Equal("title: after\n", room.RecordingYaml);
        Assert.Equal(7, room.CursorEvents);
        Assert.Equal(2, after.CountStudents("room-1"));
        Assert.Equal("Grace", after.FindStudent("room-1", "s2")!.Name);
        var poll = after.CurrentPoll("room-1")!;
        Assert.Equal("Second?", poll.Question);
        Assert.Equal(2, poll.Answers["s1"]);
        Assert.Equal(1, poll.Answers["s2"]);
        Assert.Equal(2, after.AllPolls("room-1").Count);
        Assert.Equal(ImmutableDictionary<string, int>.Empty.Add("s1", 0), after.AllPolls("room-1")[1].Answers);
    }
}
