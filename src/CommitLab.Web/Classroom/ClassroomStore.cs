using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Rooms, students, polls and answers in one SQLite file (<c>classroom.db</c> in the app's data
/// folder), created with its schema on first use. Write-ahead logging lets pages read while the
/// room saves; each call opens a pooled connection, so the store is safe to share between threads.
/// Saving the run's position while it plays is frequent and may lag a little: <see cref="SaveRun"/>
/// is the only write that happens on the playback path, one row update.
/// A file that is not a readable database (garbage, truncated, a folder in its place) is moved
/// aside with a timestamp and an empty one made, and the log says where the old one went; a file
/// from a newer CommitLab, or a data folder that cannot be made, stops the start with a
/// <see cref="ClassroomStoreException"/> that names the file and what to do. A file deleted while
/// the server runs is noticed on the next call and made again (see <see cref="Recreated"/>).
/// </summary>
public sealed class ClassroomStore : IClassroomStore
{
    public const string FileName = "classroom.db";

    private const int SchemaVersion = 1;

    private readonly string connectionString;
    private readonly ILogger? log;
    private readonly TimeProvider clock;
    private readonly object recreating = new();
    private readonly bool ready;

    public ClassroomStore(string dataDirectory, ILogger? log = null, TimeProvider? time = null)
    {
        this.log = log;
        clock = time ?? TimeProvider.System;
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), FileName);
        MakeFolder(System.IO.Path.GetDirectoryName(Path)!);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
        if (Directory.Exists(Path))
        {
            MoveAside("is a folder, not a database file");
        }

        string? problem;
        try
        {
            CreateSchema();
            problem = IntegrityProblem();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is raw.SQLITE_NOTADB or raw.SQLITE_CORRUPT or raw.SQLITE_CANTOPEN or raw.SQLITE_IOERR)
        {
            problem = $"could not be read as a database ({e.Message.TrimEnd('.')})";
        }

        if (problem is not null)
        {
            MoveAside(problem);
            CreateSchema();
        }

        ready = true;
    }

    /// <summary>
    /// The database file disappeared while the server ran (deleted by hand, a clean-up job) and an
    /// empty one was made in its place: rooms in memory should save themselves again.
    /// </summary>
    public event Action? Recreated;

    public string Path { get; }

    public void AddRoom(RoomRecord room)
    {
        using var db = Open();
        using var insert = Command(db, """
            INSERT INTO rooms (id, code, token_hash, scenario_name, recording, cursor_events, cursor_tick, speed, created_at, updated_at)
            VALUES ($id, $code, $hash, $scenario, $recording, $events, $tick, $speed, $created, $used)
            """);
        insert.Parameters.AddWithValue("$id", room.Id);
        insert.Parameters.AddWithValue("$code", room.Code);
        insert.Parameters.AddWithValue("$hash", room.TokenHash);
        insert.Parameters.AddWithValue("$scenario", (object?)room.ScenarioName ?? DBNull.Value);
        insert.Parameters.AddWithValue("$recording", room.RecordingYaml);
        insert.Parameters.AddWithValue("$events", room.CursorEvents);
        insert.Parameters.AddWithValue("$tick", room.CursorTick);
        insert.Parameters.AddWithValue("$speed", room.Speed);
        insert.Parameters.AddWithValue("$created", room.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        insert.Parameters.AddWithValue("$used", (room.LastUsed ?? room.CreatedAt).ToString("O", CultureInfo.InvariantCulture));
        insert.ExecuteNonQuery();
    }

    public bool CodeExists(string code)
    {
        using var db = Open();
        using var query = Command(db, "SELECT 1 FROM rooms WHERE code = $code");
        query.Parameters.AddWithValue("$code", code);
        return query.ExecuteScalar() is not null;
    }

    public RoomRecord? FindRoomById(string id) => FindRoom("id", id);

    public RoomRecord? FindRoomByCode(string code) => FindRoom("code", code);

    /// <summary>Saves where the run is: the recording (scenario plus every fault so far) and the cursor.</summary>
    /// <returns>False when the room has no row (the file was made again since): the caller adds the room back.</returns>
    /// <param name="lastUsed">When someone last used the room (it expires a lifetime after); now when not given.</param>
    public bool SaveRun(string roomId, string? scenarioName, string recordingYaml, long cursorEvents, long cursorTick, double speed, DateTimeOffset? lastUsed = null)
    {
        using var db = Open();
        using var update = Command(db, """
            UPDATE rooms SET scenario_name = $scenario, recording = $recording, cursor_events = $events,
                cursor_tick = $tick, speed = $speed, updated_at = $now
            WHERE id = $id
            """);
        update.Parameters.AddWithValue("$id", roomId);
        update.Parameters.AddWithValue("$scenario", (object?)scenarioName ?? DBNull.Value);
        update.Parameters.AddWithValue("$recording", recordingYaml);
        update.Parameters.AddWithValue("$events", cursorEvents);
        update.Parameters.AddWithValue("$tick", cursorTick);
        update.Parameters.AddWithValue("$speed", speed);
        update.Parameters.AddWithValue("$now", lastUsed is { } used ? used.ToString("O", CultureInfo.InvariantCulture) : Now());
        return update.ExecuteNonQuery() > 0;
    }

    public void AddStudent(StudentRecord student)
    {
        using var db = Open();
        using var insert = Command(db, "INSERT INTO students (id, room_id, name, joined_at) VALUES ($id, $room, $name, $joined)");
        insert.Parameters.AddWithValue("$id", student.Id);
        insert.Parameters.AddWithValue("$room", student.RoomId);
        insert.Parameters.AddWithValue("$name", student.Name);
        insert.Parameters.AddWithValue("$joined", student.JoinedAt.ToString("O", CultureInfo.InvariantCulture));
        insert.ExecuteNonQuery();

        // A student joining is use of the room: it keeps the room from expiring.
        using var touch = Command(db, "UPDATE rooms SET updated_at = $now WHERE id = $room");
        touch.Parameters.AddWithValue("$room", student.RoomId);
        touch.Parameters.AddWithValue("$now", Now());
        touch.ExecuteNonQuery();
    }

    public StudentRecord? FindStudent(string roomId, string studentId)
    {
        using var db = Open();
        using var query = Command(db, "SELECT id, room_id, name, joined_at FROM students WHERE id = $id AND room_id = $room");
        query.Parameters.AddWithValue("$id", studentId);
        query.Parameters.AddWithValue("$room", roomId);
        using var row = query.ExecuteReader();
        return row.Read() ? new StudentRecord(row.GetString(0), row.GetString(1), row.GetString(2), ReadTime(row, 3) ?? DateTimeOffset.MinValue) : null;
    }

    public int CountStudents(string roomId)
    {
        using var db = Open();
        using var query = Command(db, "SELECT COUNT(*) FROM students WHERE room_id = $room");
        query.Parameters.AddWithValue("$room", roomId);
        return Convert.ToInt32(query.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public long AddPoll(string roomId, string question, ImmutableArray<string> options, int? correct, long atTick)
    {
        using var db = Open();
        using var tx = db.BeginTransaction();
        // One open poll per room: asking a new question closes the one before.
        using (var close = Command(db, "UPDATE polls SET status = 'closed' WHERE room_id = $room AND status <> 'closed'", tx))
        {
            close.Parameters.AddWithValue("$room", roomId);
            close.ExecuteNonQuery();
        }

        using var insert = Command(db, """
            INSERT INTO polls (room_id, question, options, correct, status, at_tick, created_at)
            VALUES ($room, $question, $options, $correct, 'open', $tick, $now) RETURNING id
            """, tx);
        insert.Parameters.AddWithValue("$room", roomId);
        insert.Parameters.AddWithValue("$question", question);
        insert.Parameters.AddWithValue("$options", JsonSerializer.Serialize(options));
        insert.Parameters.AddWithValue("$correct", (object?)correct ?? DBNull.Value);
        insert.Parameters.AddWithValue("$tick", atTick);
        insert.Parameters.AddWithValue("$now", Now());
        var id = Convert.ToInt64(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
        tx.Commit();
        return id;
    }

    public void SetPollStatus(long pollId, PollStatus status)
    {
        using var db = Open();
        using var update = Command(db, "UPDATE polls SET status = $status WHERE id = $id");
        update.Parameters.AddWithValue("$id", pollId);
        update.Parameters.AddWithValue("$status", StatusText(status));
        update.ExecuteNonQuery();
    }

    /// <summary>Records or replaces a student's answer (a student may change their mind until the reveal).</summary>
    public void SaveAnswer(long pollId, string studentId, int choice)
    {
        using var db = Open();
        using var upsert = Command(db, """
            INSERT INTO answers (poll_id, student_id, choice, answered_at) VALUES ($poll, $student, $choice, $now)
            ON CONFLICT (poll_id, student_id) DO UPDATE SET choice = excluded.choice, answered_at = excluded.answered_at
            """);
        upsert.Parameters.AddWithValue("$poll", pollId);
        upsert.Parameters.AddWithValue("$student", studentId);
        upsert.Parameters.AddWithValue("$choice", choice);
        upsert.Parameters.AddWithValue("$now", Now());
        upsert.ExecuteNonQuery();
    }

    /// <summary>The room's poll that is still open or revealed (the one on screen), with its answers.</summary>
    public PollRecord? CurrentPoll(string roomId) => Polls(roomId, "AND status <> 'closed'", 1).FirstOrDefault();

    /// <summary>Every poll of a room, newest first, with its answers: the instructor's record of the session.</summary>
    public IReadOnlyList<PollRecord> AllPolls(string roomId, int limit = 100) => Polls(roomId, "", limit);

    private List<PollRecord> Polls(string roomId, string filter, int limit)
    {
        using var db = Open();
        using var query = Command(db, $"""
            SELECT id, question, options, correct, status, at_tick FROM polls
            WHERE room_id = $room {filter} ORDER BY id DESC LIMIT $limit
            """);
        query.Parameters.AddWithValue("$room", roomId);
        query.Parameters.AddWithValue("$limit", limit);
        var polls = new List<PollRecord>();
        using (var row = query.ExecuteReader())
        {
            while (row.Read())
            {
                polls.Add(new PollRecord(
                    row.GetInt64(0),
                    roomId,
                    row.GetString(1),
                    JsonSerializer.Deserialize<ImmutableArray<string>>(row.GetString(2)),
                    row.IsDBNull(3) ? null : row.GetInt32(3),
                    ParseStatus(row.GetString(4)),
                    row.GetInt64(5),
                    ImmutableDictionary<string, int>.Empty));
            }
        }

        for (var i = 0; i < polls.Count; i++)
        {
            using var answers = Command(db, "SELECT student_id, choice FROM answers WHERE poll_id = $poll");
            answers.Parameters.AddWithValue("$poll", polls[i].Id);
            var builder = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
            using var row = answers.ExecuteReader();
            while (row.Read())
            {
                builder[row.GetString(0)] = row.GetInt32(1);
            }

            polls[i] = polls[i] with { Answers = builder.ToImmutable() };
        }

        return polls;
    }

    private RoomRecord? FindRoom(string column, string value)
    {
        using var db = Open();
        using var query = Command(db, $"""
            SELECT id, code, token_hash, scenario_name, recording, cursor_events, cursor_tick, speed, created_at, updated_at
            FROM rooms WHERE {column} = $value
            """);
        query.Parameters.AddWithValue("$value", value);
        using var row = query.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        // A row edited by hand or written by a broken tool must not throw on every join: it is
        // reported as unreadable, once per lookup, and every other room keeps working.
        var id = row.IsDBNull(0) ? value : Convert.ToString(row.GetValue(0), CultureInfo.InvariantCulture) ?? value;
        var code = row.IsDBNull(1) ? "?" : Convert.ToString(row.GetValue(1), CultureInfo.InvariantCulture) ?? "?";
        try
        {
            return new RoomRecord(
                row.GetString(0),
                row.GetString(1),
                row[2] as byte[] ?? throw new InvalidCastException("its token hash is not stored as bytes"),
                row.IsDBNull(3) ? null : row.GetString(3),
                row.GetString(4),
                row.GetInt64(5),
                row.GetInt64(6),
                row.GetDouble(7),
                ReadTime(row, 8) ?? throw new FormatException($"its creation time '{row.GetValue(8)}' is not a date"),
                ReadTime(row, 9) ?? throw new FormatException($"its last-use time '{row.GetValue(9)}' is not a date"));
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or InvalidOperationException)
        {
            throw new UnreadableRoomException(id, code, e.Message);
        }
    }

    private void CreateSchema()
    {
        using var db = OpenFile();
        using (var wal = Command(db, "PRAGMA journal_mode = WAL;"))
        {
            wal.ExecuteNonQuery();
        }

        using var tx = db.BeginTransaction();
        using (var create = Command(db, """
            CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS rooms (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                token_hash BLOB NOT NULL,
                scenario_name TEXT,
                recording TEXT NOT NULL,
                cursor_events INTEGER NOT NULL,
                cursor_tick INTEGER NOT NULL,
                speed REAL NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS students (
                id TEXT PRIMARY KEY,
                room_id TEXT NOT NULL REFERENCES rooms (id),
                name TEXT NOT NULL,
                joined_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS students_by_room ON students (room_id);
            CREATE TABLE IF NOT EXISTS polls (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                room_id TEXT NOT NULL REFERENCES rooms (id),
                question TEXT NOT NULL,
                options TEXT NOT NULL,
                correct INTEGER,
                status TEXT NOT NULL,
                at_tick INTEGER NOT NULL,
                created_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS polls_by_room ON polls (room_id, status);
            CREATE TABLE IF NOT EXISTS answers (
                poll_id INTEGER NOT NULL REFERENCES polls (id),
                student_id TEXT NOT NULL REFERENCES students (id),
                choice INTEGER NOT NULL,
                answered_at TEXT NOT NULL,
                PRIMARY KEY (poll_id, student_id));
            """, tx))
        {
            create.ExecuteNonQuery();
        }

        using (var version = Command(db, "SELECT version FROM schema_version", tx))
        {
            var found = version.ExecuteScalar();
            if (found is null)
            {
                using var insert = Command(db, $"INSERT INTO schema_version (version) VALUES ({SchemaVersion})", tx);
                insert.ExecuteNonQuery();
            }
            else if (Convert.ToInt32(found, CultureInfo.InvariantCulture) > SchemaVersion)
            {
                throw new ClassroomStoreException($"The classroom database {Path} was written by a newer CommitLab (schema {found}); this one reads schema {SchemaVersion}. Run the newer version, or move the file away to start with an empty one (it is left untouched).");
            }
        }

        tx.Commit();
    }

    /// <summary>SQLite's own quick check (a truncated file often opens and fails only here); null when the file is sound.</summary>
    private string? IntegrityProblem()
    {
        using var db = Open();
        using var check = Command(db, "PRAGMA quick_check(1)");
        var result = check.ExecuteScalar() as string;
        return result == "ok" ? null : $"failed SQLite's integrity check ({result})";
    }

    private SqliteConnection Open()
    {
        if (ready && !File.Exists(Path))
        {
            Recreate();
        }

        return OpenFile();
    }

    /// <summary>Opens a connection to the file as it is (creating it if absent); <see cref="Open"/> first checks it was not deleted.</summary>
    private SqliteConnection OpenFile()
    {
        var db = new SqliteConnection(connectionString);
        db.Open();
        using var pragmas = db.CreateCommand();
        // NORMAL keeps WAL commits durable against a process crash (what a redeploy is) at a fraction of FULL's cost.
        pragmas.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
        pragmas.ExecuteNonQuery();
        return db;
    }

    private static SqliteCommand Command(SqliteConnection db, string sql, SqliteTransaction? tx = null)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        return command;
    }

    /// <summary>
    /// The file is gone while the server runs. Pooled connections still hold the deleted file open
    /// and would go on writing into it, where nobody can read the writes back; so the pool is
    /// emptied, a new file made, the log told, and the service asked to save its live rooms again.
    /// </summary>
    private void Recreate()
    {
        lock (recreating)
        {
            if (File.Exists(Path))
            {
                return;
            }

            SqliteConnection.ClearAllPools();
            log?.LogError("The classroom database {Path} was deleted while the server was running; an empty one is made in its place. Rooms open now are saved into it again; rooms and students saved only in the deleted file are gone", Path);
            CreateSchema();
        }

        Recreated?.Invoke();
    }

    private void MakeFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new ClassroomStoreException($"The data folder {folder} is a file, not a folder. Move that file away, or set CommitLab:DataDirectory (environment variable CommitLab__DataDirectory) to a folder the server may write in.");
        }

        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClassroomStoreException($"The data folder {folder} cannot be made ({e.Message}). Set CommitLab:DataDirectory (environment variable CommitLab__DataDirectory) to a folder the server may write in.", e);
        }
    }

    /// <summary>Renames an unreadable database (and its journal files) with a timestamp, so nothing is lost and a fresh one can be made.</summary>
    private void MoveAside(string problem)
    {
        SqliteConnection.ClearAllPools();
        var aside = $"{Path}.unreadable-{clock.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}";
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Move(Path, aside);
            }
            else
            {
                File.Move(Path, aside);
            }

            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                if (File.Exists(Path + suffix))
                {
                    File.Move(Path + suffix, aside + suffix);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ClassroomStoreException($"The classroom database {Path} {problem}, and it cannot be moved aside ({e.Message}). Move or delete it by hand (an empty one is made at the next start), or restore it from a backup.", e);
        }

        log?.LogWarning("The classroom database {Path} {Problem}. It was moved to {Aside} and an empty database was made; rooms in the old file are not available (restore it from a backup to get them back)", Path, problem, aside);
    }

    private string Now() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ReadTime(SqliteDataReader row, int column) =>
        !row.IsDBNull(column) && row.GetValue(column) is string text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;

    private static string StatusText(PollStatus status) => status switch
    {
        PollStatus.Open => "open",
        PollStatus.Revealed => "revealed",
        _ => "closed",
    };

    private static PollStatus ParseStatus(string text) => text switch
    {
        "open" => PollStatus.Open,
        "revealed" => PollStatus.Revealed,
        _ => PollStatus.Closed,
    };
}
