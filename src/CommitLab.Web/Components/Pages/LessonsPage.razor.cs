using CommitLab.Web.Lessons;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CommitLab.Web.Components.Pages;

/// <summary>The course map; progress comes from the browser once the page is live.</summary>
public sealed partial class LessonsPage
{
    private bool interactive;
    private LessonProgress progress = new();

    [Inject]
    private LessonLibrary Library { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private static string PartId(CoursePart part) =>
        "part-" + string.Concat(part.Name.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-'));

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            progress = LessonProgress.Read(await JS.InvokeAsync<string?>("commitLabLessons.load"));
            interactive = true;
            StateHasChanged();
        }
    }
}
