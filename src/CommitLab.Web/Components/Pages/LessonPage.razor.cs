using CommitLab.Web.Components.Lessons;
using CommitLab.Web.Lessons;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CommitLab.Web.Components.Pages;

/// <summary>
/// One lesson: prose, embedded labs, quizzes. A prediction quiz stays hidden until its lab reaches
/// the quiz's <c>pauseAt</c>; the lab waits there until the quiz is answered. Progress (opened,
/// answers, done) goes to the browser's localStorage through lessons.js.
/// </summary>
public sealed partial class LessonPage : IDisposable
{
    private readonly Dictionary<int, LessonLab> labs = [];
    private readonly HashSet<int> reached = [];
    private LessonProgress progress = new();
    private bool interactive;
    private bool disposed;

    [Parameter]
    public string Slug { get; set; } = "";

    [Inject]
    private LessonLibrary Library { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>Present only while the page is prerendered on the server (not in the live circuit).</summary>
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    private LessonDocument? Lesson { get; set; }

    private (LessonDocument? Previous, LessonDocument? Next) Neighbours { get; set; }

    private LessonProgressEntry? Entry => Lesson is null ? null : progress.Lessons.GetValueOrDefault(Lesson.Slug);

    public void Dispose() => disposed = true;

    protected override void OnParametersSet()
    {
        Lesson = Library.Find(Slug);
        Neighbours = Lesson is null ? default : Library.Neighbours(Lesson);
        if (Lesson is null && HttpContext is { Response.HasStarted: false } http)
        {
            // The first (prerendered) response says what the page says: there is no such lesson.
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        reached.Clear();
        if (interactive)
        {
            // Moved to another lesson with the previous/next links: same component, new lesson.
            _ = MarkOpenedAndSave();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            progress = LessonProgress.Read(await JS.InvokeAsync<string?>("commitLabLessons.load"));
            interactive = true;
            await MarkOpenedAndSave();
            StateHasChanged();
        }
    }

    private Task MarkOpenedAndSave()
    {
        if (Lesson is null)
        {
            return Task.CompletedTask;
        }

        var entry = progress.Open(Lesson.Slug);
        entry.Done |= !Lesson.Quizzes.Any();
        return Save();
    }

    private async Task Save()
    {
        if (!disposed)
        {
            await JS.InvokeVoidAsync("commitLabLessons.save", progress.Write());
        }
    }

    private int? AnswerOf(QuizBlock quiz) =>
        Entry is { } entry && entry.Answers.TryGetValue(quiz.Id, out var a) && a >= 0 && a < quiz.Options.Length ? a : null;

    /// <summary>The tick an unanswered prediction stops this lab at.</summary>
    private long? PauseFor(int lab) =>
        Lesson!.Quizzes.FirstOrDefault(q => q.Prediction && q.Lab == lab && AnswerOf(q) is null)?.PauseAt;

    private bool IsAvailable(QuizBlock quiz) =>
        !quiz.Prediction || AnswerOf(quiz) is not null || reached.Contains(quiz.Lab ?? 0);

    private void OnReached(int lab) => reached.Add(lab);

    private async Task Answer(QuizBlock quiz, int option)
    {
        progress.Answer(Lesson!, quiz.Id, option);
        if (quiz.Prediction && quiz.Lab is { } n && labs.TryGetValue(n, out var lab))
        {
            lab.Release();
        }

        await Save();
    }
}
