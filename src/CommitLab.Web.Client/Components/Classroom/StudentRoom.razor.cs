using CommitLab.Web.Classroom;
using Microsoft.AspNetCore.Components;

namespace CommitLab.Web.Components.Classroom;

/// <summary>
/// The student's room page body (the route lives in the server's <c>StudentRoomPage</c>). Follows
/// the room through whichever <see cref="IStudentRoomFeed"/> the host provides and renders nothing
/// that could change the run.
/// </summary>
public sealed partial class StudentRoom : IAsyncDisposable
{
    private StudentRoomView? view;
    private bool opening = true;
    private bool interactive;

    [Inject]
    private IStudentRoomFeed Feed { get; set; } = default!;

    [Parameter, EditorRequired]
    public string Code { get; set; } = "";

    [Parameter]
    public string? StudentId { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Feed.Changed += OnChanged;
        await Feed.OpenAsync(Code, StudentId, live: RendererInfo.IsInteractive);
        view = Feed.View;
        opening = false;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        // Interactive once the live page has its room (a replica in the browser, after its first state).
        if (!interactive && !opening && RendererInfo.IsInteractive)
        {
            interactive = true;
            StateHasChanged();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Feed.Changed -= OnChanged;
        await Feed.DisposeAsync();
    }

    private void OnChanged() => _ = InvokeAsync(() =>
    {
        view = Feed.View;
        StateHasChanged();
    });

    private async Task AnswerPoll(int choice)
    {
        await Feed.AnswerAsync(choice);
        view = Feed.View;
    }
}
