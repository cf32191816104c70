using CommitLab.Web.Components;
using CommitLab.Web.Hosting;
using CommitLab.Web.Services;
using Radzen;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRootLocator.Choose(args, AppContext.BaseDirectory),
});

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddRadzenComponents();
builder.Services.AddSingleton<QuickRunService>();
builder.Services.AddSingleton(services => new CommitLab.Web.Lab.ScenarioLibrary(
    CommitLab.Web.Lab.ScenarioLibrary.DefaultFolder, services.GetService<ILogger<CommitLab.Web.Lab.ScenarioLibrary>>()));
builder.Services.AddSingleton(services => new CommitLab.Web.Lessons.LessonLibrary(
    CommitLab.Web.Lessons.LessonLibrary.DefaultFolder, services.GetRequiredService<CommitLab.Web.Lab.ScenarioLibrary>(),
    services.GetService<ILogger<CommitLab.Web.Lessons.LessonLibrary>>()));

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

// Unknown addresses (including the sections that do not exist yet) render the app's own not-found
// page inside the layout instead of an empty 404.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

app.Run();

/// <summary>The app's entry point; public so the end-to-end tests can host it with WebApplicationFactory.</summary>
public partial class Program;
