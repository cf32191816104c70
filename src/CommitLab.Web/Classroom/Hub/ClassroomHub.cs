using CommitLab.Engine.Faults;
using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Hosting;
using CommitLab.Web.Lab;
using Microsoft.AspNetCore.SignalR;

namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// The classroom over SignalR at <c>/hubs/classroom</c>, for clients that are not Blazor pages (and
/// for load tests). A connection joins as a student (code and name) or opens the console (room id
/// and token); what it may do follows from that, decided here on the server: the instructor
/// methods look for the <see cref="InstructorConsole"/> that only a correct token puts on the
/// connection, and refuse (run untouched) when it is not there. Refusals are HubExceptions with a
/// plain reason; the first few per connection are logged in one line each, and a connection that
/// keeps being refused is closed (<see cref="ConnectionRefusals"/>).
/// Instructor actions go to the room's grain, which answers once the action is durable; the
/// room's updates reach this instance's connections through <see cref="ClassroomFanOut"/>.
/// </summary>
public sealed class ClassroomHub(ClassroomService rooms, ScenarioLibrary library, RoomRecordings recordings, IGrainFactory grains, ClassroomFanOut fanOut, ILogger<ClassroomHub> log) : Hub<IClassroomClient>
{
    private const string RefusalsKey = "refusals";
    private const string ConsoleKey = "console";
    private const string StudentKey = "student";
    private const string RoomKey = "room";
    /// <summary>The id of a room that runs on another instance (reached through its grain only).</summary>
    private const string ElsewhereKey = "elsewhere";
    /// <summary>Set with <see cref="ElsewhereKey"/> when the connection presented the room's token.</summary>
    private const string ElsewhereConsoleKey = "elsewhere-console";
    private const string PresenceKey = "presence";

    public static string StudentGroup(string roomId) => roomId + ":students";

    public static string InstructorGroup(string roomId) => roomId + ":instructors";

    /// <summary>Student pages that replay the run in the browser: they get the recording and the cursor, no trace lines.</summary>
    public static string ReplicaGroup(string roomId) => roomId + ":replicas";

    /// <summary>
    /// Opens a room on a library scenario and makes this connection its console. The reply's
    /// <see cref="JoinReply.Token"/> is the instructor key, given out this once.
    /// </summary>
    public async Task<JoinReply> OpenRoom(string? scenarioName)
    {
        var found = scenarioName is { Length: <= 200 } ? library.Find(scenarioName) : null;
        if (found is null)
        {
            return Refused(nameof(OpenRoom), $"There is no scenario called {LogText.Safe(scenarioName)}.");
        }

        var (room, token, error) = rooms.Create(found.Scenario, found.Name, Client());
        if (room is null || token is null)
        {
            return Refused(nameof(OpenRoom), error ?? "The room could not be opened.");
        }

        var reply = await OpenConsole(room.Id, token);
        return reply with { Token = token };
    }

    public async Task<JoinReply> Join(string? code, string? name)
    {
        var result = rooms.Join(code, name, Client());
        if (result.Error == IRoomPlacement.Elsewhere)
        {
            var (record, student, error) = rooms.JoinElsewhere(code, name, Client());
            return record is null || student is null
                ? Refused(nameof(Join), error ?? "refused")
                : await EnterElsewhere(record.Id, student, replica: false);
        }

        if (!result.Joined)
        {
            return Refused(nameof(Join), result.Error ?? "refused", result.RetryAfter);
        }

        return await Enter(result.Room!, result.Student!, StudentGroup(result.Room!.Id));
    }

    public async Task<JoinReply> Rejoin(string? code, string? studentId)
    {
        var (room, student) = rooms.Rejoin(code, studentId);
        if (room is null && rooms.RejoinElsewhere(code, studentId) is ({ } record, { } seat))
        {
            return await EnterElsewhere(record.Id, seat, replica: false);
        }

        return room is null || student is null
            ? Refused(nameof(Rejoin), "That seat is not known here: join again with the code.")
            : await Enter(room, student, StudentGroup(room.Id));
    }

    /// <summary>
    /// <see cref="Rejoin"/> for a student page that replays the run itself (in the browser): the
    /// same seat check and refusals, but the connection hears the room as a replica, and the reply's
    /// state carries the whole recording.
    /// </summary>
    public async Task<JoinReply> Replicate(string? code, string? studentId)
    {
        var (room, student) = rooms.Rejoin(code, studentId);
        if (room is null && rooms.RejoinElsewhere(code, studentId) is ({ } record, { } seat))
        {
            return await EnterElsewhere(record.Id, seat, replica: true);
        }

        return room is null || student is null
            ? Refused(nameof(Replicate), "That seat is not known here: join again with the code.")
            : await Enter(room, student, ReplicaGroup(room.Id));
    }

    public async Task<JoinReply> OpenConsole(string? roomId, string? token)
    {
        var access = rooms.OpenConsole(roomId, token, $"hub connection {Context.ConnectionId} from {Client()}", Client());
        if (access.ElsewhereRoomId is { } elsewhere)
        {
            // The token was checked; the room runs on another instance: drive it through its grain.
            Leave();
            Context.Items[ElsewhereKey] = elsewhere;
            Context.Items[ElsewhereConsoleKey] = true;
            await Groups.AddToGroupAsync(Context.ConnectionId, InstructorGroup(elsewhere));
            await fanOut.Follow(elsewhere);
            return await DescribeElsewhere(elsewhere, null, forStudent: false);
        }

        if (access.Console is not { } console)
        {
            return Refused(nameof(OpenConsole), access.Error ?? ConsoleAccess.NotValid);
        }

        Leave();
        Context.Items[ConsoleKey] = console;
        Context.Items[RoomKey] = console.Room;
        Context.Items[PresenceKey] = console.Room.HoldConsole();
        await Groups.AddToGroupAsync(Context.ConnectionId, InstructorGroup(console.Room.Id));
        await fanOut.Follow(console.Room.Id);
        return Reply(console.Room, null, console.Room.Poll);
    }

    /// <summary>The room's current state, for a client catching up after a reconnect; it carries the whole recording, so a replica can start over from it.</summary>
    public async Task<RoomUpdate> State()
    {
        if (Context.Items.TryGetValue(ElsewhereKey, out var id) && id is string elsewhere)
        {
            return await grains.GetGrain<IRoomGrain>(elsewhere).State() ?? throw new HubException("This room cannot be opened right now; try again in a moment.");
        }

        return recordings.Current(Room());
    }

    public async Task<string?> Answer(long pollId, int choice)
    {
        if (Context.Items.TryGetValue(StudentKey, out var value) && value is StudentRecord student)
        {
            // A refused answer (poll closed, too many changes) is the student's to read, not the log's.
            return Context.Items.TryGetValue(ElsewhereKey, out var id) && id is string elsewhere
                ? await grains.GetGrain<IRoomGrain>(elsewhere).Answer(student.Id, pollId, choice)
                : Room().Answer(student.Id, pollId, choice);
        }

        throw Refuse(nameof(Answer), "only a student who joined the room can answer");
    }

    public Task Play(string? actionId) => Command(nameof(Play), new RoomCommand(RoomCommandKind.Play, actionId));

    public Task Pause(string? actionId) => Command(nameof(Pause), new RoomCommand(RoomCommandKind.Pause, actionId));

    public Task<bool> Step(string? actionId) => Command(nameof(Step), new RoomCommand(RoomCommandKind.Step, actionId));

    public Task Restart(string? actionId) => Command(nameof(Restart), new RoomCommand(RoomCommandKind.Restart, actionId));

    public Task SetSpeed(double speed, string? actionId) => Command(nameof(SetSpeed), new RoomCommand(RoomCommandKind.SetSpeed, actionId, Number: speed));

    public Task Seek(long tick, string? actionId) => Command(nameof(Seek), new RoomCommand(RoomCommandKind.Seek, actionId, Number: tick));

    /// <summary>A fault in the scenario-file form: "crash L", "cut L-P1", "partition L,P1 | P2,P3", "freeze P2 for 300".</summary>
    public Task Inject(string? fault, string? actionId)
    {
        Authorise(nameof(Inject));
        if (!FaultText.TryParseAction(fault ?? "", out var action, out var error) || action is null)
        {
            throw Refuse(nameof(Inject), $"not a fault: {error}");
        }

        return Command(nameof(Inject), new RoomCommand(RoomCommandKind.Inject, actionId, fault));
    }

    public Task CrashLeader(string? actionId) => Command(nameof(CrashLeader), new RoomCommand(RoomCommandKind.CrashLeader, actionId));

    public Task DropNextMessage(string? actionId) => Command(nameof(DropNextMessage), new RoomCommand(RoomCommandKind.DropNextMessage, actionId));

    public Task LoadScenario(string? name, string? actionId)
    {
        Authorise(nameof(LoadScenario));
        var found = (name is { Length: <= 200 } ? library.Find(name) : null) ?? throw Refuse(nameof(LoadScenario), $"there is no scenario called {LogText.Safe(name)}");
        return Command(nameof(LoadScenario), new RoomCommand(RoomCommandKind.LoadScenario, actionId, found.Name));
    }

    public async Task<PollView> StartPoll(string? question, string[]? options, int? correct)
    {
        if (ElsewhereConsole() is { } grain)
        {
            return await PollElsewhere(grain.StartPoll(question, options, correct)) ?? throw new HubException("The poll could not be asked.");
        }

        var console = Console(nameof(StartPoll));
        PollView view = default!;
        Guard(() => view = console.StartPoll(question, options, correct));
        return view;
    }

    public async Task<PollView?> RevealPoll() =>
        ElsewhereConsole() is { } grain ? await PollElsewhere(grain.RevealPoll()) : Console(nameof(RevealPoll)).RevealPoll();

    public async Task ClosePoll()
    {
        if (ElsewhereConsole() is { } grain)
        {
            await PollElsewhere(grain.ClosePoll());
            return;
        }

        Console(nameof(ClosePoll)).ClosePoll();
    }

    /// <summary>The grain of the room this connection holds the console of, when that room runs on another instance; null otherwise.</summary>
    private IRoomGrain? ElsewhereConsole() =>
        Context.Items.ContainsKey(ElsewhereConsoleKey) && Context.Items.TryGetValue(ElsewhereKey, out var id) && id is string roomId
            ? grains.GetGrain<IRoomGrain>(roomId)
            : null;

    /// <summary>A poll action done by the room's grain; its refusal reaches the caller as every console refusal does.</summary>
    private async Task<PollView?> PollElsewhere(Task<PollReply> call)
    {
        var reply = await call;
        if (reply.Error is { } error)
        {
            Counted("instructor poll", error);
            throw new HubException(error);
        }

        return reply.Poll;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        Leave();
        return base.OnDisconnectedAsync(exception);
    }

    private async Task<JoinReply> Enter(Room room, StudentRecord student, string group)
    {
        Leave();
        Context.Items[StudentKey] = student;
        Context.Items[RoomKey] = room;
        Context.Items[PresenceKey] = room.Attend(student);
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        await fanOut.Follow(room.Id);
        var reply = Reply(room, student, room.Poll?.ForStudents()) with { StudentName = student.Name, Mine = room.AnswerOf(student.Id) };
        return group == ReplicaGroup(room.Id) ? reply with { State = recordings.Current(room) } : reply;
    }

    /// <summary>
    /// A student entering a room that runs on another instance: the same groups and one
    /// subscription per instance; the reply comes from the grain. A replica's reply carries the
    /// grain's state, which holds the whole recording, so the page can replay the run from it.
    /// </summary>
    private async Task<JoinReply> EnterElsewhere(string roomId, StudentRecord student, bool replica)
    {
        Leave();
        Context.Items[StudentKey] = student;
        Context.Items[ElsewhereKey] = roomId;
        await Groups.AddToGroupAsync(Context.ConnectionId, replica ? ReplicaGroup(roomId) : StudentGroup(roomId));
        await fanOut.Follow(roomId);
        Context.Items[PresenceKey] = await fanOut.Attend(roomId, student);
        var reply = await DescribeElsewhere(roomId, student, forStudent: true);
        if (!replica || !reply.Ok)
        {
            return reply;
        }

        var state = await grains.GetGrain<IRoomGrain>(roomId).State();
        return state is null
            ? Refused(nameof(Replicate), "This room cannot be opened right now; try again in a moment.")
            : reply with { StudentName = student.Name, State = state };
    }

    private async Task<JoinReply> DescribeElsewhere(string roomId, StudentRecord? student, bool forStudent)
    {
        var description = await grains.GetGrain<IRoomGrain>(roomId).Describe();
        if (description is null)
        {
            return Refused("enter", "This room cannot be opened right now; try again in a moment.");
        }

        var poll = forStudent ? description.Poll?.ForStudents() : description.Poll;
        return new JoinReply(true, null, roomId, description.Code, student?.Id, description.Title, description.State, poll);
    }

    private static JoinReply Reply(Room room, StudentRecord? student, PollView? poll) =>
        new(true, null, room.Id, room.Code, student?.Id, room.Title, Current(room), poll);

    private static RoomUpdate Current(Room room) => RoomUpdate.Now(room);

    /// <summary>
    /// Sends an instructor action to the room's grain (authorised here: only a connection holding
    /// the console gets this far) and returns when the grain has made it durable. A refusal (bad
    /// input, or the room cannot be opened now) is counted like every refusal and reaches the caller.
    /// </summary>
    private async Task<bool> Command(string method, RoomCommand command)
    {
        var roomId = Context.Items.ContainsKey(ElsewhereConsoleKey) && Context.Items.TryGetValue(ElsewhereKey, out var id) && id is string elsewhere
            ? elsewhere
            : Console(method).Room.Id;
        var reply = await grains.GetGrain<IRoomGrain>(roomId).Command(command);
        if (reply.Error is { } error)
        {
            Counted("instructor command", error);
            throw new HubException(error);
        }

        return reply.Done;
    }

    /// <summary>A connection moving to another room (or seat) stops counting in, and hearing from, the old one.</summary>
    private void Leave()
    {
        // Presence first: a student elsewhere leaves the head count while the room is still followed.
        if (Context.Items.TryGetValue(PresenceKey, out var presence) && presence is IDisposable handle)
        {
            handle.Dispose();
        }

        if (Context.Items.TryGetValue(RoomKey, out var old) && old is Room oldRoom)
        {
            _ = Groups.RemoveFromGroupAsync(Context.ConnectionId, StudentGroup(oldRoom.Id));
            _ = Groups.RemoveFromGroupAsync(Context.ConnectionId, InstructorGroup(oldRoom.Id));
            _ = Groups.RemoveFromGroupAsync(Context.ConnectionId, ReplicaGroup(oldRoom.Id));
            fanOut.Unfollow(oldRoom.Id);
        }

        if (Context.Items.TryGetValue(ElsewhereKey, out var away) && away is string awayId)
        {
            _ = Groups.RemoveFromGroupAsync(Context.ConnectionId, StudentGroup(awayId));
            _ = Groups.RemoveFromGroupAsync(Context.ConnectionId, InstructorGroup(awayId));
            _ = Groups.RemoveFromGroupAsync(Context.ConnectionId, ReplicaGroup(awayId));
            fanOut.Unfollow(awayId);
        }

        Context.Items.Remove(PresenceKey);
        Context.Items.Remove(ConsoleKey);
        Context.Items.Remove(StudentKey);
        Context.Items.Remove(RoomKey);
        Context.Items.Remove(ElsewhereKey);
        Context.Items.Remove(ElsewhereConsoleKey);
    }

    private Room Room()
    {
        if (Context.Items.TryGetValue(RoomKey, out var room) && room is Room r)
        {
            return r;
        }

        Counted("a room call", "not in a room");
        throw new HubException("Join a room first.");
    }

    /// <summary>Refuses unless this connection holds the console (of a room here or elsewhere).</summary>
    private void Authorise(string method)
    {
        if (!Context.Items.ContainsKey(ElsewhereConsoleKey))
        {
            Console(method);
        }
    }

    private InstructorConsole Console(string method) =>
        Context.Items.TryGetValue(ConsoleKey, out var console) && console is InstructorConsole c
            ? c
            : throw Refuse(method, "only the instructor's console can do that");

    /// <summary>A refused call: counted (and logged, or the connection closed) as <see cref="Counted"/> says; the caller gets a plain reason. Nothing else happens.</summary>
    private HubException Refuse(string method, string reason)
    {
        Counted(method, reason);
        return new HubException($"Refused: {reason}.");
    }

    /// <summary>A refused join or console request: the same counting, and the reply says why.</summary>
    private JoinReply Refused(string method, string reason, TimeSpan? retryAfter = null)
    {
        Counted(method, reason);
        return JoinReply.Refused(reason, retryAfter);
    }

    /// <summary>
    /// Counts a refusal on this connection: the first few are logged in one line each with who
    /// made them; past the limit the connection is closed, which is logged once.
    /// </summary>
    private void Counted(string method, string reason)
    {
        var refusals = Refusals();
        var (logIt, close) = refusals.Count();
        if (logIt)
        {
            var student = Context.Items.TryGetValue(StudentKey, out var s) && s is StudentRecord r ? $"student {LogText.Safe(r.Name)} ({r.Id})" : "a connection that joined no room";
            var room = Context.Items.TryGetValue(RoomKey, out var o) && o is Room room1 ? room1.Code : "-";
            log.LogWarning("Refused {Method} from {Who} in room {Room}, connection {Connection}, client {Client}: {Reason}", method, student, room, Context.ConnectionId, Client(), LogText.Safe(reason, 160));
        }

        if (close)
        {
            log.LogWarning("Closing connection {Connection} from {Client}: {Count} calls refused (more than {Max} within {Window}); refusals after the first {Logged} were not logged one by one",
                Context.ConnectionId, Client(), refusals.Total, rooms.Options.MaxRefusedCallsPerConnection, rooms.Options.JoinWindow, ConnectionRefusals.Logged);
            Context.Abort();
        }
    }

    private ConnectionRefusals Refusals()
    {
        if (Context.Items.TryGetValue(RefusalsKey, out var value) && value is ConnectionRefusals refusals)
        {
            return refusals;
        }

        var fresh = new ConnectionRefusals(rooms.Options.MaxRefusedCallsPerConnection, rooms.Options.JoinWindow);
        Context.Items[RefusalsKey] = fresh;
        return fresh;
    }

    /// <summary>Turns the console's input errors into messages the caller sees (the run is unchanged); they count as refusals.</summary>
    private void Guard(Action act)
    {
        try
        {
            act();
        }
        catch (ArgumentException e)
        {
            Counted("instructor command", e.Message);
            throw new HubException(e.Message);
        }
    }

    private string Client() => Context.GetHttpContext()?.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
