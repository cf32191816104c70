using CommitLab.Web.Classroom;
using CommitLab.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>
/// A database file that cannot be used: moved aside with a timestamp and replaced by an empty
/// one (said in the log), or, when that would be wrong, a message naming the file and what to do.
/// A file deleted while the server runs is made again and the rooms in memory saved into it.
/// </summary>
public sealed class ClassroomStoreRecoveryTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly LogRecorder<ClassroomStore> log = new();

    public void Dispose() => folder.Dispose();

    private string DatabasePath => Path.Combine(folder.Path, ClassroomStore.FileName);

    private string[] SetAside() => Directory.GetFileSystemEntries(folder.Path, ClassroomStore.FileName + ".unreadable-*");

    private void AssertMovedAsideAndFresh(ClassroomStore store, string problem)
    {
        var aside = Assert.Single(SetAside(), p => !p.EndsWith("-wal", StringComparison.Ordinal) && !p.EndsWith("-shm", StringComparison.Ordinal));
        var warning = Assert.Single(log.Warnings);
        Assert.Contains(DatabasePath, warning, StringComparison.Ordinal);
        Assert.Contains(problem, warning, StringComparison.Ordinal);
        Assert.Contains($"It was moved to {aside} and an empty database was made", warning, StringComparison.Ordinal);
        store.AddRoom(new RoomRecord("room-1", "ABC234", RoomSecrets.HashToken("t"), null, "title: x\n", 0, 0, 1, DateTimeOffset.UtcNow));
        Assert.Equal("ABC234", store.FindRoomById("room-1")!.Code);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_moved_aside_unchanged_and_a_fresh_one_made()
    {
        Directory.CreateDirectory(folder.Path);
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(DatabasePath, garbage);

        var store = new ClassroomStore(folder.Path, log);

        AssertMovedAsideAndFresh(store, "could not be read as a database (SQLite Error 26: 'file is not a database')");
        Assert.Equal(garbage, File.ReadAllBytes(SetAside()[0]));
    }

    [Fact]
    public void A_truncated_database_is_moved_aside_and_a_fresh_one_made()
    {
        var first = new ClassroomStore(folder.Path);
        for (var i = 0; i < 200; i++)
        {
            first.AddRoom(new RoomRecord($"room-{i}", $"room-code-{i}", RoomSecrets.HashToken("t"), null, new string('x', 2000), 0, 0, 1, DateTimeOffset.UtcNow));
        }

        using (var db = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            db.Open();
            using var checkpoint = db.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        using (var file = File.Open(DatabasePath, FileMode.Open))
        {
            file.SetLength(file.Length / 3);
        }

        var store = new ClassroomStore(folder.Path, log);

        AssertMovedAsideAndFresh(store, "The classroom database");
        Assert.Null(store.FindRoomById("room-7"));
    }

    [Fact]
    public void A_folder_named_like_the_database_is_moved_aside()
    {
        Directory.CreateDirectory(DatabasePath);
        File.WriteAllText(Path.Combine(DatabasePath, "notes.txt"), "kept");

        var store = new ClassroomStore(folder.Path, log);

        AssertMovedAsideAndFresh(store, "is a folder, not a database file");
        Assert.Equal("kept", File.ReadAllText(Path.Combine(SetAside()[0], "notes.txt")));
    }

    [Fact]
    public void A_data_folder_that_is_a_file_stops_the_start_with_a_message_naming_it()
    {
        File.WriteAllText(folder.Path, "not a folder");
        try
        {
            var error = Assert.Throws<ClassroomStoreException>(() => new ClassroomStore(folder.Path, log));

            Assert.Equal($"The data folder {folder.Path} is a file, not a folder. Move that file away, or set CommitLab:DataDirectory (environment variable CommitLab__DataDirectory) to a folder the server may write in.", error.Message);
            Assert.Equal("not a folder", File.ReadAllText(folder.Path));
        }
        finally
        {
            File.Delete(folder.Path);
        }
    }

    [Fact]
    public void A_file_from_a_newer_version_stops_the_start_with_what_to_do_and_is_left_untouched()
    {
        _ = new ClassroomStore(folder.Path);
        using (var db = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "UPDATE schema_version SET version = 99";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<ClassroomStoreException>(() => new ClassroomStore(folder.Path, log));

        Assert.Equal($"The classroom database {DatabasePath} was written by a newer CommitLab (schema 99); this one reads schema 1. Run the newer version, or move the file away to start with an empty one (it is left untouched).", error.Message);
        Assert.Empty(SetAside());
    }

    [Fact]
    public void A_file_deleted_while_the_server_runs_is_made_again_and_later_writes_are_kept()
    {
        using var classroom = new ClassroomHarness();
        var (room, token) = classroom.Open();
        var console = classroom.Console(room, token);
        console.StepEvent();

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(classroom.DataFolder))
        {
            File.Delete(file);
        }

        console.StepEvent("after the delete");
        var ada = classroom.Join(room, "Ada");

        Assert.Contains(classroom.StoreLog.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error
            && e.Message.StartsWith($"The classroom database {classroom.Store.Path} was deleted while the server was running; an empty one is made in its place", StringComparison.Ordinal));
        classroom.Restart();
        var back = classroom.Service.FindByCode(room.Code)!;
        Assert.Equal(2, back.Frame.Snapshot.Events);
        Assert.Equal("Ada", classroom.Service.Rejoin(room.Code, ada.Id).Student!.Name);
    }
}
