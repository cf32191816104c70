using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using StackExchange.Redis;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// Rooms, students, polls and answers in Redis, for a cluster: every instance reads the same
/// records, and a room's grain reactivated on another instance finds its run where it was left.
/// A write returns once Redis answered it; run Redis with <c>appendonly yes</c> and
/// <c>appendfsync always</c> (as <c>tools/cluster/run-local-cluster.sh</c> does) so that answer
/// comes after the write reached the disk, which is what "acknowledged means durable" needs.
/// Keys: <c>room:{id}</c> (hash), <c>code:{code}</c> (the room id), <c>students:{room}</c>
/// (hash of id to name and time), <c>poll:{id}</c> (hash), <c>polls:{room}</c> (sorted set of
/// poll ids), <c>answers:{poll}</c> (hash of student to choice), <c>poll-seq</c>; all under a prefix.
/// </summary>
public sealed class RedisClassroomStore(IConnectionMultiplexer redis, string prefix = "commitlab:", TimeProvider? time = null) : IClassroomStore
{
    private readonly TimeProvider clock = time ?? TimeProvider.System;

    /// <summary>Never raised: Redis is not a file that can be deleted under the server.</summary>
    public event Action? Recreated
    {
        add { }
        remove { }
    }

    /// <summary>Writes where a room's run is, only if the room has a record (a room deleted under it adds itself back); 1 when written.</summary>
    private const string SaveRunScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], 'scenario', ARGV[1], 'recording', ARGV[2], 'events', ARGV[3], 'tick', ARGV[4], 'speed', ARGV[5], 'used', ARGV[6])
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    public void AddRoom(RoomRecord room)
    {
        ArgumentNullException.ThrowIfNull(room);
        var tx = Db.CreateTransaction();
        // Codes are unique: a code already taken is refused, as SQLite's unique key refuses it.
        tx.AddCondition(Condition.KeyNotExists(CodeKey(room.Code)));
        _ = tx.StringSetAsync(CodeKey(room.Code), room.Id);
        _ = tx.HashSetAsync(RoomKey(room.Id),
        [
            new("id", room.Id),
            new("code", room.Code),
            new("token", room.TokenHash),
            new("scenario", room.ScenarioName ?? ""),
            new("recording", room.RecordingYaml),
            new("events", room.CursorEvents),
            new("tick", room.CursorTick),
            new("speed", room.Speed.ToString("R", CultureInfo.InvariantCulture)),
            new("created", Time(room.CreatedAt)),
            new("used", Time(room.LastUsed ?? room.CreatedAt)),
        ]);
        if (!tx.Execute() && Db.StringGet(CodeKey(room.Code)) != room.Id)
        {
            throw new InvalidOperationException($"the join code {room.Code} is taken");
        }
    }

    public bool CodeExists(string code) => Db.KeyExists(CodeKey(code));

    public RoomRecord? FindRoomById(string id) => ReadRoom(id);

    public RoomRecord? FindRoomByCode(string code) => Db.StringGet(CodeKey(code)) is { IsNull: false } id ? ReadRoom(id.ToString()) : null;

    public bool SaveRun(string roomId, string? scenarioName, string recordingYaml, long cursorEvents, long cursorTick, double speed, DateTimeOffset? lastUsed = null)
    {
        // Every instructor action waits for this write: one script is one round trip, where a
        // transaction with a condition takes two (WATCH and the check, then MULTI/EXEC).
        var saved = Db.ScriptEvaluate(SaveRunScript, [RoomKey(roomId)],
        [
            scenarioName ?? "",
            recordingYaml,
            cursorEvents,
            cursorTick,
            speed.ToString("R", CultureInfo.InvariantCulture),
            Time(lastUsed ?? clock.GetUtcNow()),
        ]);
        return (long)saved == 1;
    }

    public void AddStudent(StudentRecord student)
    {
        ArgumentNullException.ThrowIfNull(student);
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(StudentsKey(student.RoomId), student.Id, JsonSerializer.Serialize(new StoredStudent(student.Name, Time(student.JoinedAt))));
        // A student joining is use of the room: it keeps the room from expiring.
        _ = tx.HashSetAsync(RoomKey(student.RoomId), "used", Time(clock.GetUtcNow()));
        tx.Execute();
    }

    public StudentRecord? FindStudent(string roomId, string studentId)
    {
        var stored = Db.HashGet(StudentsKey(roomId), studentId);
        if (stored.IsNull || JsonSerializer.Deserialize<StoredStudent>(stored.ToString()) is not { } student)
        {
            return null;
        }

        return new StudentRecord(studentId, roomId, student.Name, ParseTime(student.JoinedAt) ?? DateTimeOffset.MinValue);
    }

    public int CountStudents(string roomId) => (int)Db.HashLength(StudentsKey(roomId));

    public long AddPoll(string roomId, string question, ImmutableArray<string> options, int? correct, long atTick)
    {
        var db = Db;
        // One open poll per room: asking a new question closes the one before.
        foreach (var old in db.SortedSetRangeByRank(PollsKey(roomId)))
        {
            if (db.HashGet(PollKey((long)old), "status") is { IsNull: false } status && status != "closed")
            {
                db.HashSet(PollKey((long)old), "status", "closed");
            }
        }

        var id = db.StringIncrement(Key("poll-seq"));
        var tx = db.CreateTransaction();
        _ = tx.HashSetAsync(PollKey(id),
        [
            new("room", roomId),
            new("question", question),
            new("options", JsonSerializer.Serialize(options)),
            new("correct", correct?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new("status", "open"),
            new("tick", atTick),
        ]);
        _ = tx.SortedSetAddAsync(PollsKey(roomId), id, id);
        tx.Execute();
        return id;
    }

    public void SetPollStatus(long pollId, PollStatus status) =>
        Db.HashSet(PollKey(pollId), "status", status switch { PollStatus.Open => "open", PollStatus.Revealed => "revealed", _ => "closed" });

    public void SaveAnswer(long pollId, string studentId, int choice) => Db.HashSet(AnswersKey(pollId), studentId, choice);

    public PollRecord? CurrentPoll(string roomId) => Polls(roomId, onScreenOnly: true, 1).FirstOrDefault();

    public IReadOnlyList<PollRecord> AllPolls(string roomId, int limit = 100) => Polls(roomId, onScreenOnly: false, limit);

    private List<PollRecord> Polls(string roomId, bool onScreenOnly, int limit)
    {
        var db = Db;
        var polls = new List<PollRecord>();
        foreach (var member in db.SortedSetRangeByRank(PollsKey(roomId), order: Order.Descending))
        {
            var id = (long)member;
            var fields = db.HashGetAll(PollKey(id)).ToDictionary(e => e.Name.ToString(), e => e.Value);
            var status = fields.GetValueOrDefault("status").ToString() switch { "open" => PollStatus.Open, "revealed" => PollStatus.Revealed, _ => PollStatus.Closed };
            if (onScreenOnly && status == PollStatus.Closed)
            {
                continue;
            }

            var answers = db.HashGetAll(AnswersKey(id)).ToImmutableDictionary(e => e.Name.ToString(), e => (int)e.Value, StringComparer.Ordinal);
            var correct = fields.GetValueOrDefault("correct").ToString();
            polls.Add(new PollRecord(
                id,
                roomId,
                fields.GetValueOrDefault("question").ToString(),
                JsonSerializer.Deserialize<ImmutableArray<string>>(fields.GetValueOrDefault("options").ToString() is { Length: > 0 } o ? o : "[]"),
                correct.Length == 0 ? null : int.Parse(correct, CultureInfo.InvariantCulture),
                status,
                (long)fields.GetValueOrDefault("tick"),
                answers));
            if (polls.Count >= limit)
            {
                break;
            }
        }

        return polls;
    }

    private RoomRecord? ReadRoom(string id)
    {
        var fields = Db.HashGetAll(RoomKey(id)).ToDictionary(e => e.Name.ToString(), e => e.Value);
        if (fields.Count == 0)
        {
            return null;
        }

        var code = fields.GetValueOrDefault("code").ToString();
        try
        {
            var scenario = fields.GetValueOrDefault("scenario").ToString();
            return new RoomRecord(
                id,
                code,
                (byte[]?)fields.GetValueOrDefault("token") ?? throw new FormatException("its token hash is missing"),
                scenario.Length == 0 ? null : scenario,
                fields.GetValueOrDefault("recording").ToString(),
                (long)fields.GetValueOrDefault("events"),
                (long)fields.GetValueOrDefault("tick"),
                double.Parse(fields.GetValueOrDefault("speed").ToString(), CultureInfo.InvariantCulture),
                ParseTime(fields.GetValueOrDefault("created").ToString()) ?? throw new FormatException("its creation time is not a date"),
                ParseTime(fields.GetValueOrDefault("used").ToString()) ?? throw new FormatException("its last-use time is not a date"));
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new UnreadableRoomException(id, code, e.Message);
        }
    }

    private RedisKey Key(string name) => prefix + name;

    private RedisKey RoomKey(string id) => Key("room:" + id);

    private RedisKey CodeKey(string code) => Key("code:" + code);

    private RedisKey StudentsKey(string roomId) => Key("students:" + roomId);

    private RedisKey PollKey(long id) => Key("poll:" + id.ToString(CultureInfo.InvariantCulture));

    private RedisKey PollsKey(string roomId) => Key("polls:" + roomId);

    private RedisKey AnswersKey(long pollId) => Key("answers:" + pollId.ToString(CultureInfo.InvariantCulture));

    private static string Time(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;

    private sealed record StoredStudent(string Name, string JoinedAt);
}
