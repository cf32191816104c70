using CommitLab.Web.Classroom;
using CommitLab.Web.Lab;
using Microsoft.AspNetCore.Components;

namespace CommitLab.Web.Components.Pages;

/// <summary>
/// A student's live view of a room: the instructor's run, read-only, and the poll when one is
/// open. Follows the room by its events; renders nothing that could change the run.
/// </summary>
public sealed partial class StudentRoomPage : IDisposable
{
    private Room? room;
    private StudentRecord? student;
    private LabFrame frame = default!;
    private PollView? poll;
    private int? mine;
    private string? answerError;
    private bool interactive;
    private IDisposable? attendance;
    private readonly RenderPacer pacer = new(RenderPacer.PlayingInterval);

    [Inject]
    private ClassroomService Rooms { get; set; } = default!;

    [Parameter]
    public string Code { get; set; } = "";

    [SupplyParameterFromQuery(Name = "student")]
    public string? StudentId { get; set; }

    protected override void OnInitialized()
    {
        (room, student) = Rooms.Rejoin(Code, StudentId);
        if (room is null || student is null)
        {
            return;
        }

        frame = room.Frame;
        poll = room.Poll?.ForStudents();
        mine = room.AnswerOf(student.Id);
        if (RendererInfo.IsInteractive)
        {
            // Only the live circuit counts as present (the prerendered page is gone in a moment).
            attendance = room.Attend(student);
            room.Updated += OnUpdated;
            room.PollChanged += OnPollChanged;
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            interactive = true;
            StateHasChanged();
        }
    }

    public void Dispose()
    {
        if (room is not null)
        {
            room.Updated -= OnUpdated;
            room.PollChanged -= OnPollChanged;
        }

        attendance?.Dispose();
    }

    private void OnUpdated(RoomBroadcast broadcast)
    {
        var (decision, delay) = pacer.Next(urgent: !broadcast.Frame.Playing);
        if (decision == PaceDecision.Now)
        {
            _ = InvokeAsync(ShowLatest);
        }
        else if (decision == PaceDecision.Later)
        {
            _ = Task.Delay(delay).ContinueWith(_ =>
            {
                pacer.Rendered();
                return InvokeAsync(ShowLatest);
            }, TaskScheduler.Default);
        }
    }

    /// <summary>Renders the room's newest frame (not necessarily the one that triggered the render).</summary>
    private void ShowLatest()
    {
        if (room is not null)
        {
            frame = room.Frame;
            StateHasChanged();
        }
    }

    private void OnPollChanged(PollView? next) => _ = InvokeAsync(() =>
    {
        poll = next?.ForStudents();
        mine = next is null || student is null ? null : room?.AnswerOf(student.Id);
        answerError = null;
        StateHasChanged();
    });

    private void AnswerPoll(int choice)
    {
        if (room is null || student is null || poll is null)
        {
            return;
        }

        answerError = room.Answer(student.Id, poll.Id, choice);
        mine = room.AnswerOf(student.Id);
    }
}
