using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Rooms, students, polls and answers in one SQLite file (<c>classroom.db</c> in the app's data
/// folder), created with its schema on first use. Write-ahead logging lets pages read while the
/// room saves; each call opens a pooled connection, so the store is safe to share between threads.
/// Saving the run's position while it plays is frequent and may lag a little: <see cref="SaveRun"/>
/// is the only write that happens on the playback path, one row update.
/// </summary>
public sealed class ClassroomStore
{
    public const string FileName = "classroom.db";

    private const int SchemaVersion = 1;

    private readonly string connectionString;

    public ClassroomStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.Combine(dataDirectory, FileName);
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
        CreateSchema();
    }

    public string Path { get; }

    public void AddRoom(RoomRecord room)
    {
        using var db = Open();
        using var insert = Command(db, """
            INSERT INTO rooms (id, code, token_hash, scenario_name, recording, cursor_events, cursor_tick, speed, created_at, updated_at)
            VALUES ($id, $code, $hash, $scenario, $recording, $events, $tick, $speed, $created, $created)
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
    public void SaveRun(string roomId, string? scenarioName, string recordingYaml, long cursorEvents, long cursorTick, double speed)
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
        update.Parameters.AddWithValue("$now", Now());
        update.ExecuteNonQuery();
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
    }

    public StudentRecord? FindStudent(string roomId, string studentId)
    {
        using var db = Open();
        using var query = Command(db, "SELECT id, room_id, name, joined_at FROM students WHERE id = $id AND room_id = $room");
        query.Parameters.AddWithValue("$id", studentId);
        query.Parameters.AddWithValue("$room", roomId);
        using var row = query.ExecuteReader();
        return row.Read() ? new StudentRecord(row.GetString(0), row.GetString(1), row.GetString(2), ReadTime(row, 3)) : null;
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
            SELECT id, code, token_hash, scenario_name, recording, cursor_events, cursor_tick, speed, created_at
            FROM rooms WHERE {column} = $value
            """);
        query.Parameters.AddWithValue("$value", value);
        using var row = query.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        return new RoomRecord(
            row.GetString(0),
            row.GetString(1),
            (byte[])row[2],
            row.IsDBNull(3) ? null : row.GetString(3),
            row.GetString(4),
            row.GetInt64(5),
            row.GetInt64(6),
            row.GetDouble(7),
            ReadTime(row, 8));
    }

    private void CreateSchema()
    {
        using var db = Open();
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
                throw new InvalidOperationException($"{Path} was written by a newer CommitLab (schema {found}); this one reads schema {SchemaVersion}.");
            }
        }

        tx.Commit();
    }

    private SqliteConnection Open()
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

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ReadTime(SqliteDataReader row, int column) =>
        DateTimeOffset.Parse(row.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

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
