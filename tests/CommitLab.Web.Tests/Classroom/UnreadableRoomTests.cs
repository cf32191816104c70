using CommitLab.Web.Classroom;
using Microsoft.Data.Sqlite;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>A stored room that cannot be read is reported once, told to students and the instructor as such, and keeps no other room from working.</summary>
public sealed class UnreadableRoomTests : IDisposable
{
    private const string Unreadable = "This room's saved run cannot be read, so it cannot be opened. Open a new room (the log names the problem).";

    private readonly ClassroomHarness classroom = new();

    public void Dispose() => classroom.Dispose();

    private void Execute(string sql, string roomId)
    {
        using var db = new SqliteConnection($"Data Source={classroom.Store.Path}");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", roomId);
        command.ExecuteNonQuery();
    }

    [Theory]
    [InlineData("UPDATE rooms SET recording = replace(recording, 'participants: 3', 'participants: 40') WHERE id = $id", "participants")]
    [InlineData("UPDATE rooms SET created_at = 'the day before yesterday' WHERE id = $id", "is not a date")]
    [InlineData("UPDATE rooms SET updated_at = 42 WHERE id = $id", "is not a date")]
    [InlineData("UPDATE rooms SET recording = 'protocol: [' WHERE id = $id", "room ")]
    public void A_bad_row_is_refused_with_a_clear_message_and_other_rooms_keep_working(string damage, string logged)
    {
        var (bad, token) = classroom.Open();
        var (good, _) = classroom.Open();
        var code = bad.Code;
        var id = bad.Id;
        classroom.Restart();
        Execute(damage, id);

        for (var i = 0; i < 3; i++)
        {
            var join = classroom.Service.Join(code, "Ada", "203.0.113.5");
            Assert.False(join.Joined);
            Assert.Equal(Unreadable, join.Error);
            Assert.Equal(Unreadable, classroom.Service.OpenConsole(id, token, "console page").Error);
        }

        Assert.True(classroom.Service.Join(good.Code, "Grace", "203.0.113.5").Joined);
        var error = Assert.Single(classroom.Log.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.StartsWith($"Room \"{code}\" (\"{id}\") cannot be restored: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(logged, error.Message, StringComparison.Ordinal);
    }
}
