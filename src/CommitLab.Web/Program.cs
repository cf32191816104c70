using CommitLab.Web.Components;
using CommitLab.Web.Hosting;
using CommitLab.Web.Lab;
using CommitLab.Web.Lessons;
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
// Scenario and lesson files are read once at start-up from the copies next to the app.
builder.Services.AddSingleton(services => new ScenarioLibrary(
    ScenarioLibrary.DefaultFolder, services.GetService<ILogger<ScenarioLibrary>>()));
builder.Services.AddSingleton(services => new LessonLibrary(
    LessonLibrary.DefaultFolder, services.GetRequiredService<ScenarioLibrary>(), services.GetService<ILogger<LessonLibrary>>()));

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
