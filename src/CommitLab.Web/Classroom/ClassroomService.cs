using System.Collections.Concurrent;
using System.Diagnostics;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Hosting;
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
    private readonly IClassroomStore store;
    private readonly ClassroomOptions options;
    private readonly ILogger<ClassroomService> log;
    private readonly ConcurrentDictionary<string, Room> live = new(StringComparer.Ordinal);
    private readonly object loading = new();
    private readonly JoinGuard joins;
    private readonly ClientThrottle creations;
    private readonly TimeProvider clock;
    private readonly IRoomPlacement? placement;

    /// <param name="placement">
    /// Set when rooms are grains (the app always; unit tests may leave it out): a room then comes
    /// into memory only through its grain's activation, so it is live on exactly one instance.
    /// </param>
    public ClassroomService(IClassroomStore store, IOptions<ClassroomOptions> options, ILogger<ClassroomService> log, TimeProvider? time = null, IRoomPlacement? placement = null)
    {
        this.store = store;
        this.placement = placement;
        this.options = options.Value;
        this.log = log;
        clock = time ?? TimeProvider.System;
        joins = new JoinGuard(this.options, clock);
        creations = new ClientThrottle(this.options.RoomsPerClientPerHour, int.MaxValue, TimeSpan.FromHours(1), time);
        store.Recreated += SaveLiveRoomsAgain;
    }

    /// <summary>Raised when a room comes into memory (created or restored), so fan-out can follow it.</summary>
    public event Action<Room>? RoomOpened;

    public ClassroomOptions Options => options;

    public int LiveRooms => live.Count;

    /// <summary>
    /// Opens a room on a scenario. Returns the room and the instructor token (shown once, in the
    /// console link; only its hash is kept), or an error when the client opened too many rooms or
    /// the server has no space.
    /// </summary>
    public (Room? Room, string? Token, string? Error) Create(Scenario scenario, string? scenarioName, string client)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var key = ClientAddress.Key(client);
        if (creations.TryBegin(key) is { } wait)
        {
            log.LogWarning("Room creation refused for {Client}: too many rooms opened (retry in {Wait})", key, wait);
            return (null, null, $"You have opened many rooms in the last hour; try again in {Minutes(wait)}.");
        }

        if (MakeSpace(key) is { } full)
        {
            return (null, null, full);
        }

        var token = RoomSecrets.NewToken();
        var code = NewUniqueCode();
        var recording = LabSettings.Bound(scenario);
        var now = clock.GetUtcNow();
        var record = new RoomRecord(RoomSecrets.NewId(), code, RoomSecrets.HashToken(token), scenarioName,
            ScenarioWriter.ToYaml(recording), 0, 0, 1, now, now);
        store.AddRoom(record);
        var (room, problem) = Bring(record, key);
        if (room is null)
        {
            return (null, null, problem ?? Busy);
        }

        // The instructor's own network knows the code: students there are always heard for it.
        joins.Admitted(key, code);
        log.LogInformation("Room {Code} opened on {Scenario} by {Client}", code, LogText.Safe(scenarioName ?? scenario.Title), key);
        return (room, token, null);
    }

    /// <summary>
    /// Checks an instructor's token and opens the room's console, waking the room if it sleeps. A
    /// wrong token or an unknown room is "not valid" (and a warning in the log); a right token is
    /// never told that: it gets the console, or an honest reason (the server is busy, the room expired).
    /// </summary>
    public ConsoleAccess OpenConsole(string? roomId, string? token, string who, string? client = null)
    {
        if (string.IsNullOrEmpty(roomId) || roomId.Length > 64)
        {
            log.LogWarning("Instructor access refused for {Who} to room {Room}: no such room", who, LogText.Safe(roomId));
            return ConsoleAccess.Refused(ConsoleAccess.NotValid);
        }

        var key = client is null ? null : ClientAddress.Key(client);
        if (live.TryGetValue(roomId, out var room) && !Expire(room))
        {
            if (!room.TokenMatches(token))
            {
                log.LogWarning("Instructor access refused for {Who} to room {Room}: wrong token", who, room.Code);
                return ConsoleAccess.Refused(ConsoleAccess.NotValid);
            }

            room.Holder ??= key;
            return new ConsoleAccess(new InstructorConsole(Seen(room)!, options, log), null);
        }

        RoomRecord? record;
        try
        {
            record = store.FindRoomById(roomId);
        }
        catch (UnreadableRoomException e)
        {
            // The token cannot be checked against a row that cannot be read; saying so loses nothing.
            ReportUnreadable(e.RoomId, e.Code, e.Problem);
            return ConsoleAccess.Refused(Unreadable);
        }

        if (record is null || !RoomSecrets.TokenMatches(token, record.TokenHash))
        {
            log.LogWarning("Instructor access refused for {Who} to room {Room}: {Reason}", who, LogText.Safe(roomId), record is null ? "no such room" : "wrong token");
            return ConsoleAccess.Refused(ConsoleAccess.NotValid);
        }

        if (IsExpired(record))
        {
            return ConsoleAccess.Refused(Expired);
        }

        var (woken, problem) = Bring(record, key);
        if (woken is null)
        {
            return ConsoleAccess.Refused(problem ?? Busy) with { ElsewhereRoomId = problem == IRoomPlacement.Elsewhere ? record.Id : null };
        }

        return new ConsoleAccess(new InstructorConsole(Seen(woken)!, options, log), null);
    }

    /// <summary>
    /// Admits a student to a room that runs on another instance (<see cref="Join"/> said
    /// <see cref="IRoomPlacement.Elsewhere"/>): the same size limit, read from the store that every
    /// instance shares. The student's seat is in the store; the run is reached through the room's grain.
    /// </summary>
    public (RoomRecord? Room, StudentRecord? Student, string? Error) JoinElsewhere(string? typedCode, string? typedName, string client)
    {
        var code = RoomSecrets.NormalizeCode(typedCode);
        RoomRecord? record;
        try
        {
            record = code is null ? null : store.FindRoomByCode(code);
        }
        catch (UnreadableRoomException e)
        {
            ReportUnreadable(e.RoomId, e.Code, e.Problem);
            return (null, null, Unreadable);
        }

        if (record is null || IsExpired(record))
        {
            return (null, null, record is null ? "No room has that code." : Expired);
        }

        var name = DisplayName.Clean(typedName, options.MaxNameLength);
        if (name is null)
        {
            return (null, null, "Please enter a name for the room to see (a first name is enough).");
        }

        if (store.CountStudents(record.Id) >= options.MaxRoomSize)
        {
            return (null, null, $"This room is full ({options.MaxRoomSize} students). Ask the instructor to open another one.");
        }

        var student = new StudentRecord(RoomSecrets.NewId(), record.Id, name, clock.GetUtcNow());
        store.AddStudent(student);
        joins.Admitted(ClientAddress.Key(client), record.Code);
        return (record, student, null);
    }

    /// <summary>A student coming back to a room that runs on another instance; null when the seat is not known.</summary>
    public (RoomRecord? Room, StudentRecord? Student) RejoinElsewhere(string? typedCode, string? studentId)
    {
        var code = RoomSecrets.NormalizeCode(typedCode);
        if (code is null || string.IsNullOrEmpty(studentId) || studentId.Length > 64)
        {
            return (null, null);
        }

        try
        {
            return store.FindRoomByCode(code) is { } record && store.FindStudent(record.Id, studentId) is { } student ? (record, student) : (null, null);
        }
        catch (UnreadableRoomException)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// Admits a student by join code and display name. A right code is always let in (within the
    /// room's size); wrong codes are limited per client and server-wide by <see cref="JoinGuard"/>.
    /// </summary>
    public JoinResult Join(string? typedCode, string? typedName, string client)
    {
        var key = ClientAddress.Key(client);
        var code = RoomSecrets.NormalizeCode(typedCode);
        if (joins.Hold(key, code) is { } hold)
        {
            log.LogWarning("Join held for {Client}: many wrong codes on the server and this client guessed wrong (retry in {Wait})", key, hold);
            return JoinResult.Refused($"Too many wrong codes are being tried on this server. Wait {Seconds(hold)} before trying again.", hold);
        }

        var (room, problem) = code is null ? (null, null) : FindByCodeOrWhy(code);
        if (room is null && problem is not null)
        {
            // The code is right; the room cannot be entered now (busy, expired, unreadable). Not a guess.
            return JoinResult.Refused(problem);
        }

        if (room is null)
        {
            var wait = joins.Failed(key);
            log.LogInformation("Join refused for {Client}: no room with code {Code}", key, LogText.Safe(typedCode));
            return wait is { } w
                ? JoinResult.Refused($"Too many attempts. Wait {Seconds(w)} before trying again.", w)
                : JoinResult.Refused("No room has that code. Check it on the projector (six letters and digits) and try again.");
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
                log.LogWarning("Join refused for {Client}: room {Code} is full ({Size})", key, room.Code, options.MaxRoomSize);
                return JoinResult.Refused($"This room is full ({options.MaxRoomSize} students). Ask the instructor to open another one.");
            }

            var student = new StudentRecord(RoomSecrets.NewId(), room.Id, name, clock.GetUtcNow());
            store.AddStudent(student);
            room.CountJoin();
            joins.Admitted(key, room.Code);
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

    public Room? FindByCode(string code) => FindByCodeOrWhy(code).Room;

    /// <summary>The room with this id, woken if it sleeps; null when there is none, or it expired, or cannot be opened now.</summary>
    public Room? FindById(string id)
    {
        if (live.TryGetValue(id, out var room) && !Expire(room))
        {
            return Seen(room);
        }

        try
        {
            return store.FindRoomById(id) is { } record && !IsExpired(record) ? Seen(Bring(record, null).Room) : null;
        }
        catch (UnreadableRoomException e)
        {
            ReportUnreadable(e.RoomId, e.Code, e.Problem);
            return null;
        }
    }

    /// <summary>
    /// Called by the room's grain when it activates on this instance: brings the stored room into
    /// memory here (making space first), or says why it cannot.
    /// </summary>
    internal (Room? Room, string? Problem) HostHere(string roomId, string? holder)
    {
        if (live.TryGetValue(roomId, out var room))
        {
            room.Holder ??= holder;
            return (room, null);
        }

        RoomRecord? record;
        try
        {
            record = store.FindRoomById(roomId);
        }
        catch (UnreadableRoomException e)
        {
            ReportUnreadable(e.RoomId, e.Code, e.Problem);
            return (null, Unreadable);
        }

        return record is null ? (null, NoSuchRoom) : BringHere(record, holder);
    }

    /// <summary>Called by the room's grain when it deactivates here (the instance shuts down): the room is saved and leaves memory.</summary>
    internal void ReleaseHere(string roomId)
    {
        lock (loading)
        {
            if (live.TryGetValue(roomId, out var room))
            {
                Sleep(room, "its grain was deactivated");
            }
        }
    }

    /// <summary>An instructor console for a room live here, for its grain, which acts for a caller whose token was checked where it connected.</summary>
    internal InstructorConsole ConsoleFor(Room room) => new(room, options, log);

    /// <summary>Whether the room is in memory now (not asleep); looking it up would wake it, this does not.</summary>
    public bool IsLive(Room room) => live.TryGetValue(room.Id, out var found) && ReferenceEquals(found, room);

    public void Dispose()
    {
        foreach (var room in live.Values)
        {
            room.Dispose();
        }

        live.Clear();
    }

    private const string NoSuchRoom = "There is no such room.";

    private const string Busy = "The server is busy with other rooms right now; try again in a minute.";

    private string Expired => $"This room has expired: rooms close {Hours(options.RoomLifetime)} after they were last used. Ask the instructor to open a new one.";

    private const string Unreadable = "This room's saved run cannot be read, so it cannot be opened. Open a new room (the log names the problem).";

    /// <summary>Rooms looked up within this time are never put to sleep: a page that just found one is about to join it.</summary>
    private static readonly TimeSpan RecentlySeen = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, string> unreadable = new(StringComparer.Ordinal);

    /// <summary>The room with this code, woken if it sleeps; or, when the code is right but the room cannot be entered, why.</summary>
    private (Room? Room, string? Problem) FindByCodeOrWhy(string code)
    {
        if (live.Values.FirstOrDefault(r => r.Code == code) is { } room && !Expire(room))
        {
            return (Seen(room), null);
        }

        RoomRecord? record;
        try
        {
            record = store.FindRoomByCode(code);
        }
        catch (UnreadableRoomException e)
        {
            ReportUnreadable(e.RoomId, e.Code, e.Problem);
            return (null, Unreadable);
        }

        if (record is null)
        {
            return (null, null);
        }

        if (IsExpired(record))
        {
            return (null, Expired);
        }

        var (woken, problem) = Bring(record, null);
        return woken is null ? (null, problem ?? Busy) : (Seen(woken), null);
    }

    private bool IsExpired(RoomRecord record) => (record.LastUsed ?? record.CreatedAt) < clock.GetUtcNow() - options.RoomLifetime;

    /// <summary>A live room left unused past its lifetime is put to sleep (and then found expired in the store). True when it was.</summary>
    private bool Expire(Room room)
    {
        if (room.Idle <= options.RoomLifetime || room.Connections > 0 || room.Consoles > 0)
        {
            return false;
        }

        lock (loading)
        {
            Sleep(room, "expired");
        }

        return true;
    }

    private static Room? Seen(Room? room)
    {
        room?.Touch();
        return room;
    }

    /// <summary>Null when a room may be brought in for this client, or the message saying why not.</summary>
    private string? MakeSpace(string? holder)
    {
        lock (loading)
        {
            if (holder is not null && live.Values.Count(r => r.Holder == holder) >= options.MaxLiveRoomsPerClient && !Evict(holder))
            {
                log.LogWarning("Room refused for {Client}: it holds {Count} live rooms, all in use", holder, options.MaxLiveRoomsPerClient);
                return $"You have {options.MaxLiveRoomsPerClient} rooms in use right now; close the console of one you no longer need, or try again in a minute.";
            }

            if (live.Count >= options.MaxLiveRooms && !Evict(null))
            {
                log.LogWarning("Room refused for {Client}: {Count} rooms are live and none is idle", holder ?? "a student", live.Count);
                return Busy;
            }

            return null;
        }
    }

    /// <summary>
    /// Brings a stored room into memory (once), making space first; or says why it cannot. With
    /// grains, the room's grain is asked to activate and the room comes into memory wherever the
    /// runtime put it: here (new activations prefer the caller's instance), or, when another
    /// instance already runs it, not here, which is said.
    /// </summary>
    private (Room? Room, string? Problem) Bring(RoomRecord record, string? holder)
    {
        if (placement is null)
        {
            return BringHere(record, holder);
        }

        if (live.TryGetValue(record.Id, out var existing))
        {
            existing.Holder ??= holder;
            return (existing, null);
        }

        // Outside the lock: the grain's activation calls HostHere, which takes it.
        if (placement.Place(record.Id, holder) is { } problem)
        {
            return (null, problem);
        }

        return live.TryGetValue(record.Id, out var placed) ? (placed, null) : (null, Busy);
    }

    private (Room? Room, string? Problem) BringHere(RoomRecord record, string? holder)
    {
        lock (loading)
        {
            if (live.TryGetValue(record.Id, out var existing))
            {
                existing.Holder ??= holder;
                return (existing, null);
            }

            if (unreadable.ContainsKey(record.Id))
            {
                return (null, Unreadable);
            }

            if (MakeSpace(holder) is { } full)
            {
                return (null, full);
            }

            Room room;
            try
            {
                var recording = ScenarioParser.Parse(record.RecordingYaml, $"room {record.Code}");
                room = new Room(record, recording, store.CurrentPoll(record.Id), store.CountStudents(record.Id), store, clock, options.MaxAnswersPerPoll)
                {
                    Holder = holder,
                };
            }
            catch (Exception e) when (e is ScenarioException or ArgumentException or InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                // A bad row (edited by hand, or written by a version with other limits) is this
                // room's problem alone: say it once, and every other room keeps working.
                ReportUnreadable(record.Id, record.Code, e.Message);
                return (null, Unreadable);
            }

            live[record.Id] = room;
            RoomOpened?.Invoke(room);
            return (room, null);
        }
    }

    private void ReportUnreadable(string id, string code, string problem)
    {
        if (unreadable.Count < 10_000 && unreadable.TryAdd(id, problem))
        {
            log.LogError("Room {Code} ({Room}) cannot be restored: {Problem}. Students and its instructor are told it cannot be opened; other rooms are unaffected", LogText.Safe(code), LogText.Safe(id), LogText.Safe(problem, 300));
        }
    }

    /// <summary>
    /// Puts an idle room to sleep to make space: of the rooms nobody is using, one of the client
    /// holding the most live rooms goes first, then the idlest, so one client cannot keep
    /// everybody else's rooms out. With <paramref name="holder"/>, only that client's rooms.
    /// </summary>
    private bool Evict(string? holder)
    {
        var held = live.Values.Where(r => r.Holder is not null).GroupBy(r => r.Holder!).ToDictionary(g => g.Key, g => g.Count());
        var candidate = live.Values
            .Where(r => (holder is null || r.Holder == holder) && r.Connections == 0 && r.Consoles == 0 && !r.Frame.Playing && r.Idle > RecentlySeen)
            .OrderByDescending(r => r.Holder is null ? 0 : held[r.Holder])
            .ThenByDescending(r => r.Idle)
            .FirstOrDefault();
        if (candidate is null)
        {
            return false;
        }

        Sleep(candidate, $"idle {candidate.Idle:hh\\:mm\\:ss}");
        return true;
    }

    private void Sleep(Room room, string why)
    {
        if (live.TryRemove(room.Id, out _))
        {
            room.Dispose();
            log.LogInformation("Room {Code} put to sleep ({Why}); it wakes on next use", room.Code, why);
        }
    }

    private void SaveLiveRoomsAgain()
    {
        foreach (var room in live.Values)
        {
            room.Save();
        }
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

    private static string Hours(TimeSpan span) => span.TotalHours >= 1 ? $"{span.TotalHours:0.#} hours" : $"{Math.Ceiling(span.TotalMinutes):0} minutes";
}
