using System.Collections.Concurrent;
using System.Diagnostics;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;
using Microsoft.Extensions.Options;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Opens rooms, admits students and hands out instructor consoles. Rooms live in memory while in
/// use and in <see cref="ClassroomStore"/> always: a room not in memory (after a restart, or put to
/// sleep to make space) is restored on first use by replaying its recording to the saved moment,
/// so instructor links and join codes keep working.
/// </summary>
public sealed class ClassroomService : IDisposable
{
    private readonly ClassroomStore store;
    private readonly ClassroomOptions options;
    private readonly ILogger<ClassroomService> log;
    private readonly ConcurrentDictionary<string, Room> live = new(StringComparer.Ordinal);
    private readonly object loading = new();
    private readonly ClientThrottle joins;
    private readonly ClientThrottle creations;
    private readonly TimeProvider clock;

    public ClassroomService(ClassroomStore store, IOptions<ClassroomOptions> options, ILogger<ClassroomService> log, TimeProvider? time = null)
    {
        this.store = store;
        this.options = options.Value;
        this.log = log;
        clock = time ?? TimeProvider.System;
        joins = new ClientThrottle(this.options.JoinsPerWindow, this.options.FailedJoinsPerWindow, this.options.JoinWindow, time);
        creations = new ClientThrottle(this.options.RoomsPerClientPerHour, int.MaxValue, TimeSpan.FromHours(1), time);
    }

    /// <summary>Raised when a room comes into memory (created or restored), so fan-out can follow it.</summary>
    public event Action<Room>? RoomOpened;

    public ClassroomOptions Options => options;

    public int LiveRooms => live.Count;

    /// <summary>
    /// Opens a room on a scenario. Returns the room and the instructor token (shown once, in the
    /// console link; only its hash is kept), or an error when the client opened too many rooms.
    /// </summary>
    public (Room? Room, string? Token, string? Error) Create(Scenario scenario, string? scenarioName, string client)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (creations.TryBegin(client) is { } wait)
        {
            log.LogWarning("Room creation refused for {Client}: too many rooms opened (retry in {Wait})", client, wait);
            return (null, null, $"You have opened many rooms in the last hour; try again in {Minutes(wait)}.");
        }

        if (!HasSpace())
        {
            log.LogWarning("Room creation refused for {Client}: {Count} rooms are live and none is idle", client, live.Count);
            return (null, null, Busy);
        }

        var token = RoomSecrets.NewToken();
        var code = NewUniqueCode();
        var recording = LabSettings.Bound(scenario);
        var record = new RoomRecord(RoomSecrets.NewId(), code, RoomSecrets.HashToken(token), scenarioName,
            ScenarioWriter.ToYaml(recording), 0, 0, 1, DateTimeOffset.UtcNow);
        store.AddRoom(record);
        var room = Bring(record);
        if (room is null)
        {
            return (null, null, Busy);
        }

        log.LogInformation("Room {Code} opened on {Scenario}", code, scenarioName ?? scenario.Title);
        return (room, token, null);
    }

    /// <summary>Checks an instructor's token. Null (and a warning in the log) for a wrong token or an unknown room.</summary>
    public InstructorConsole? OpenConsole(string? roomId, string? token, string who)
    {
        var room = string.IsNullOrEmpty(roomId) || roomId.Length > 64 ? null : FindById(roomId);
        if (room is null || !room.TokenMatches(token))
        {
            log.LogWarning("Instructor access refused for {Who} to room {Room}: {Reason}", who, roomId, room is null ? "no such room" : "wrong token");
            return null;
        }

        return new InstructorConsole(room, options, log);
    }

    /// <summary>Admits a student by join code and display name, within the client's join limits and the room's size.</summary>
    public JoinResult Join(string? typedCode, string? typedName, string client)
    {
        if (joins.TryBegin(client) is { } wait)
        {
            log.LogWarning("Join throttled for {Client} (retry in {Wait})", client, wait);
            return JoinResult.Refused($"Too many attempts. Wait {Seconds(wait)} before trying again.", wait);
        }

        var code = RoomSecrets.NormalizeCode(typedCode);
        var room = code is null ? null : Live(code);
        RoomRecord? stored = null;
        if (room is null && code is not null)
        {
            stored = store.FindRoomByCode(code);
            room = Restore(stored);
        }

        if (room is null && stored is not null)
        {
            // The code is right; the server just cannot wake the room now. Not the student's mistake.
            return JoinResult.Refused(Busy);
        }

        if (room is null)
        {
            joins.Fail(client);
            log.LogInformation("Join refused for {Client}: no room with code {Code}", client, typedCode);
            return JoinResult.Refused("No room has that code. Check it on the projector (six letters and digits) and try again.");
        }

        var name = DisplayName.Clean(typedName, options.MaxNameLength);
        if (name is null)
        {
            return JoinResult.Refused("Please enter a name for the room to see (a first name is enough).");
        }

        lock (room)
        {
            if (room.Joined >= options.MaxRoomSize)
            {
                log.LogWarning("Join refused for {Client}: room {Code} is full ({Size})", client, room.Code, options.MaxRoomSize);
                return JoinResult.Refused($"This room is full ({options.MaxRoomSize} students). Ask the instructor to open another one.");
            }

            var student = new StudentRecord(RoomSecrets.NewId(), room.Id, name, DateTimeOffset.UtcNow);
            store.AddStudent(student);
            room.CountJoin();
            return new JoinResult(room, student, null);
        }
    }

    /// <summary>A student coming back (a reload, a reconnect, a restarted server) with the id they were given at join.</summary>
    public (Room? Room, StudentRecord? Student) Rejoin(string? typedCode, string? studentId)
    {
        var code = RoomSecrets.NormalizeCode(typedCode);
        if (code is null || string.IsNullOrEmpty(studentId) || studentId.Length > 64 || FindByCode(code) is not { } room)
        {
            return (null, null);
        }

        var student = store.FindStudent(room.Id, studentId);
        return student is null ? (null, null) : (room, student);
    }

    public Room? FindByCode(string code) => Live(code) ?? Restore(store.FindRoomByCode(code));

    public Room? FindById(string id) => Seen(live.TryGetValue(id, out var room) ? room : Restore(store.FindRoomById(id)));

    public void Dispose()
    {
        foreach (var room in live.Values)
        {
            room.Dispose();
        }

        live.Clear();
    }

    private const string Busy = "The server has as many live rooms as it can hold right now; try again in a few minutes.";

    /// <summary>Rooms looked up within this time are never put to sleep: a page that just found one is about to join it.</summary>
    private static readonly TimeSpan RecentlySeen = TimeSpan.FromMinutes(1);

    private Room? Live(string code) => Seen(live.Values.FirstOrDefault(r => r.Code == code));

    private static Room? Seen(Room? room)
    {
        room?.Touch();
        return room;
    }

    private Room? Restore(RoomRecord? record) => record is null ? null : Seen(Bring(record));

    private bool HasSpace()
    {
        lock (loading)
        {
            return live.Count < options.MaxLiveRooms || Evict();
        }
    }

    /// <summary>Brings a stored room into memory (once), making space by putting the idlest empty room to sleep.</summary>
    private Room? Bring(RoomRecord record)
    {
        lock (loading)
        {
            if (live.TryGetValue(record.Id, out var existing))
            {
                return existing;
            }

            if (live.Count >= options.MaxLiveRooms && !Evict())
            {
                log.LogWarning("Room {Code} cannot be opened: {Count} rooms are live and none is idle", record.Code, live.Count);
                return null;
            }

            Scenario recording;
            try
            {
                recording = ScenarioParser.Parse(record.RecordingYaml, $"room {record.Code}");
            }
            catch (ScenarioException e)
            {
                log.LogError("Room {Code} has an unreadable recording and cannot be restored: {Error}", record.Code, e.Message);
                return null;
            }

            var room = new Room(record, recording, store.CurrentPoll(record.Id), store.CountStudents(record.Id), store, clock);
            live[record.Id] = room;
            RoomOpened?.Invoke(room);
            return room;
        }
    }

    private bool Evict()
    {
        var idlest = live.Values
            .Where(r => r.Connections == 0 && r.Consoles == 0 && !r.Frame.Playing && r.Idle > RecentlySeen)
            .MaxBy(r => r.Idle);
        if (idlest is null)
        {
            return false;
        }

        live.TryRemove(idlest.Id, out _);
        idlest.Dispose();
        log.LogInformation("Room {Code} put to sleep (idle {Idle}); it wakes on next use", idlest.Code, idlest.Idle);
        return true;
    }

    private string NewUniqueCode()
    {
        // 887 million codes: a collision is rare, but the code is a unique key, so check.
        for (var attempt = 0; ; attempt++)
        {
            var code = RoomSecrets.NewCode();
            if (!store.CodeExists(code) || attempt > 20)
            {
                return code;
            }
        }
    }

    private static string Seconds(TimeSpan wait) => $"{Math.Ceiling(wait.TotalSeconds):0} s";

    private static string Minutes(TimeSpan wait) => $"{Math.Ceiling(wait.TotalMinutes):0} min";
}
