namespace CommitLab.Web.Classroom;

/// <summary>
/// The student page's room on the server (prerendering, and the first visit while the WebAssembly
/// files download): it follows the room object and shows the frames the room builds, at most about
/// seven a second while the run plays (<see cref="RenderPacer"/>). Only a live page counts as present.
/// </summary>
public sealed class ServerStudentRoomFeed(ClassroomService rooms) : IStudentRoomFeed
{
    private readonly RenderPacer pacer = new(RenderPacer.PlayingInterval);
    private Room? room;
    private StudentRecord? student;
    private IDisposable? attendance;

    public StudentRoomView? View { get; private set; }

    public string? Error => null;

    public event Action? Changed;

    public Task OpenAsync(string code, string? studentId, bool live)
    {
        (room, student) = rooms.Rejoin(code, studentId);
        if (room is null || student is null)
        {
            return Task.CompletedTask;
        }

        var poll = room.Poll?.ForStudents();
        View = new StudentRoomView(room.Title, room.Code, student.Name, room.Frame, poll, room.AnswerOf(student.Id), room.ForkLink);
        if (live)
        {
            attendance = room.Attend(student);
            room.Updated += OnUpdated;
            room.PollChanged += OnPollChanged;
        }

        return Task.CompletedTask;
    }

    public Task AnswerAsync(int choice)
    {
        if (room is not null && student is not null && View is { Poll: { } poll } view)
        {
            var error = room.Answer(student.Id, poll.Id, choice);
            View = view with { Mine = room.AnswerOf(student.Id), AnswerError = error };
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (room is not null)
        {
            room.Updated -= OnUpdated;
            room.PollChanged -= OnPollChanged;
        }

        attendance?.Dispose();
        return ValueTask.CompletedTask;
    }

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
            View = view with { Poll = next?.ForStudents(), Mine = next is null || student is null ? null : room?.AnswerOf(student.Id), AnswerError = null };
            Changed?.Invoke();
        }
    }
}
