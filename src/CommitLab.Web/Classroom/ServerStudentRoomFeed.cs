using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Classroom.Hub;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Classroom;

/// <summary>
/// The student page's room on the server (prerendering, and the first visit while the WebAssembly
/// files download): it follows the room object and shows the frames the room builds, at most about
/// seven a second while the run plays (<see cref="RenderPacer"/>). Only a live page counts as present.
/// A room that runs on another instance is followed as the browser follows it: through this
/// instance's one subscription to the room's grain, replaying the run with a <see cref="RoomReplica"/>
/// from the grain's recording and checking each update's trace hash.
/// </summary>
public sealed class ServerStudentRoomFeed(ClassroomService rooms, IGrainFactory grains, ClassroomFanOut fanOut) : IStudentRoomFeed
{
    private readonly RenderPacer pacer = new(RenderPacer.PlayingInterval);
    private Room? room;
    private StudentRecord? student;
    private IDisposable? attendance;

    /// <summary>Set when the room runs on another instance: its grain, this instance's follower of it, and the page's copy of the run.</summary>
    private IRoomGrain? elsewhere;
    private RoomFollower? follower;
    private RoomReplica? replica;
    private string? forkRun;
    private int resyncing;

    public StudentRoomView? View { get; private set; }

    public string? Error { get; private set; }

    public event Action? Changed;

    public async Task OpenAsync(string code, string? studentId, bool live)
    {
        (room, student) = rooms.Rejoin(code, studentId);
        if (room is null && rooms.RejoinElsewhere(code, studentId) is ({ } record, { } seat))
        {
            await OpenElsewhereAsync(record.Id, seat, live);
            return;
        }

        if (room is null || student is null)
        {
            return;
        }

        var poll = room.Poll?.ForStudents();
        View = new StudentRoomView(room.Title, room.Code, student.Name, room.Frame, poll, room.AnswerOf(student.Id), room.ForkLink);
        if (live)
        {
            attendance = room.Attend(student);
            room.Updated += OnUpdated;
            room.PollChanged += OnPollChanged;
        }
    }

    public async Task AnswerAsync(int choice)
    {
        if (elsewhere is not null && student is not null && View is { Poll: { } asked } shown)
        {
            var refused = await elsewhere.Answer(student.Id, asked.Id, choice);
            View = (View ?? shown) with { Mine = refused is null ? choice : shown.Mine, AnswerError = refused };
            return;
        }

        if (room is not null && student is not null && View is { Poll: { } poll } view)
        {
            var error = room.Answer(student.Id, poll.Id, choice);
            View = view with { Mine = room.AnswerOf(student.Id), AnswerError = error };
        }
    }

    public ValueTask DisposeAsync()
    {
        // Presence first: a page of a room elsewhere leaves the head count while the room is still followed.
        attendance?.Dispose();
        attendance = null;
        if (follower is not null)
        {
            follower.ReplicaUpdated -= OnElsewhereUpdated;
            follower.StudentPollChanged -= OnPollChanged;
            fanOut.Unfollow(follower.RoomId);
            follower = null;
        }

        if (room is not null)
        {
            room.Updated -= OnUpdated;
            room.PollChanged -= OnPollChanged;
        }

        attendance?.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task OpenElsewhereAsync(string roomId, StudentRecord seat, bool live)
    {
        student = seat;
        elsewhere = grains.GetGrain<IRoomGrain>(roomId);
        replica = new RoomReplica();
        if (live)
        {
            // Follow first, then read the state: an update in between is at most one the state already holds.
            follower = await fanOut.Follow(roomId);
            follower.ReplicaUpdated += OnElsewhereUpdated;
            follower.StudentPollChanged += OnPollChanged;
            attendance = await fanOut.Attend(roomId, seat);
        }

        var description = await elsewhere.Describe();
        var state = await elsewhere.State();
        if (description is null || state is null)
        {
            Error = "This room cannot be opened right now; try again in a moment.";
            return;
        }

        lock (replica)
        {
            if (Follow(state) is { } frame)
            {
                View = new StudentRoomView(description.Title, description.Code, seat.Name, frame, description.Poll?.ForStudents(), null, ForkLink(state));
            }
        }
    }

    private void OnElsewhereUpdated(RoomUpdate update)
    {
        if (replica is null)
        {
            return;
        }

        lock (replica)
        {
            if (View is { } view && Follow(update) is { } frame)
            {
                View = view with { Frame = frame, ForkLink = ForkLink(update) };
            }
        }

        Changed?.Invoke();
    }

    /// <summary>
    /// Moves the copy to the update (under the replica's lock). A copy that does not match the
    /// room's run starts over from the grain's state, fetched without holding up the room's other
    /// listeners; until then the page keeps its last good frame.
    /// </summary>
    private LabFrame? Follow(RoomUpdate update)
    {
        if (update.Recording is not null)
        {
            forkRun = update.ForkRun;
        }

        if (replica!.Follow(update) is null)
        {
            return replica.Frame;
        }

        replica.Forget();
        if (Volatile.Read(ref resyncing) == 0)
        {
            _ = ResyncAsync();
        }

        return null;
    }

    /// <summary>One re-sync at a time: updates arriving meanwhile find the copy empty and wait for it.</summary>
    private async Task ResyncAsync()
    {
        if (elsewhere is null || Interlocked.Exchange(ref resyncing, 1) == 1)
        {
            return;
        }

        try
        {
            if (await elsewhere.State() is { } state)
            {
                OnElsewhereUpdated(state);
            }
        }
        catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            // The room's instance is going; the subscription's renewal resets the page from its new one.
        }
        finally
        {
            Volatile.Write(ref resyncing, 0);
        }
    }

    private string? ForkLink(RoomUpdate update) => LabLink.At(forkRun, new TimelinePosition(update.Events, update.Tick))?.TrimStart('/');

    private void OnUpdated(RoomBroadcast broadcast)
    {
        var (decision, delay) = pacer.Next(urgent: !broadcast.Frame.Playing);
        if (decision == PaceDecision.Now)
        {
            ShowLatest();
        }
        else if (decision == PaceDecision.Later)
        {
            _ = Task.Delay(delay).ContinueWith(_ =>
            {
                pacer.Rendered();
                ShowLatest();
            }, TaskScheduler.Default);
        }
    }

    /// <summary>Shows the room's newest frame (not necessarily the one that triggered the render).</summary>
    private void ShowLatest()
    {
        if (room is not null && View is { } view)
        {
            View = view with { Frame = room.Frame, ForkLink = room.ForkLink };
            Changed?.Invoke();
        }
    }

    private void OnPollChanged(PollView? next)
    {
        if (View is { } view)
        {
            // A room elsewhere: a reveal or close of the same poll keeps the answer given here; a new poll starts without one.
            var mine = room is not null ? (next is null || student is null ? null : room.AnswerOf(student.Id))
                : next is not null && next.Id == view.Poll?.Id ? view.Mine : null;
            View = view with { Poll = next?.ForStudents(), Mine = mine, AnswerError = null };
            Changed?.Invoke();
        }
    }
}
