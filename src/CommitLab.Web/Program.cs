using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.SignalR;
using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Classroom.Hub;
using CommitLab.Web.Components;
using CommitLab.Web.Explore;
using CommitLab.Web.Hosting;
using CommitLab.Web.Lab;
using CommitLab.Web.Lessons;
using CommitLab.Web.Services;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = ContentRootLocator.Choose(args, AppContext.BaseDirectory),
});

builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents()
    .AddInteractiveWebAssemblyComponents();
builder.Services.AddMudServices();
builder.Services.AddSingleton<QuickRunService>();
builder.Services.AddSingleton(new ExplorationGate());
// Scenario and lesson files are read once at start-up from the copies next to the app.
builder.Services.AddSingleton(services => new ScenarioLibrary(
    ScenarioLibrary.DefaultFolder, services.GetService<ILogger<ScenarioLibrary>>()));
builder.Services.AddSingleton(services => new LessonLibrary(
    LessonLibrary.DefaultFolder, services.GetRequiredService<ScenarioLibrary>(), services.GetService<ILogger<LessonLibrary>>()));

// Classroom rooms live in SQLite under the data folder (data/ in the content root unless
// CommitLab:DataDirectory, env CommitLab__DataDirectory, says otherwise).
builder.Services.Configure<ClassroomOptions>(builder.Configuration.GetSection(ClassroomOptions.Section));
builder.Services.AddSingleton(services => new ClassroomStore(
    DataDirectory.Resolve(builder.Configuration, builder.Environment.ContentRootPath), services.GetRequiredService<ILogger<ClassroomStore>>()));
builder.Services.AddSingleton<ClassroomService>();
builder.Services.AddSingleton<ClassroomFanOut>();
builder.Services.AddSingleton<RoomRecordings>();
// The student page on the server follows the room object; in the browser it replays the run (see the client's Program).
builder.Services.AddScoped<IStudentRoomFeed, ServerStudentRoomFeed>();
// Rooms are grains: by default one in-process silo; CommitLab:Cluster configures a real cluster.
builder.AddClassroomCluster();
// The pages themselves are rendered per request, so no pre-compressed copy exists: the Lab's
// prerendered HTML is about 70 KB, 15 KB as Brotli. Static files do not pass through this (MapStaticAssets
// serves their pre-compressed copies and this middleware leaves encoded responses alone). Over HTTPS it
// stays off, the framework's default: a console page carries the instructor's key next to text a
// link can put there, which is what BREACH-style attacks on compressed secrets need.
builder.Services.AddResponseCompression(options =>
{
    options.Providers.Add<BrotliCompressionProvider>();
    options.Providers.Add<GzipCompressionProvider>();
});
builder.Services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
builder.Services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
builder.Services.AddSignalR(options =>
{
    // Hub calls are short commands; nothing a client sends needs more than this.
    options.MaximumReceiveMessageSize = 16 * 1024;
    options.AddFilter<HubErrorLog>();
});
// SignalR logs every exception a hub method throws at Error with a stack trace, refusals
// (HubException) included; HubErrorLog logs the unexpected ones instead, and the hub the refusals.
builder.Logging.AddFilter(HubErrorLog.DispatcherCategory, LogLevel.None);

var app = builder.Build();

try
{
    // Created now: this opens the database, so a file that cannot be used stops the start here
    // with a message, not a stack trace.
    app.Services.GetRequiredService<ClassroomService>();
}
catch (ClassroomStoreException e)
{
    app.Logger.LogCritical("CommitLab cannot start: {Problem}", e.Message);
    return 2;
}

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

// First, so every response (static files, errors, the not-found page) carries them.
app.UseSecurityHeaders();
app.UseResponseCompression();

// Unknown addresses (including the sections that do not exist yet) render the app's own not-found
// page inside the layout instead of an empty 404.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHub<ClassroomHub>("/hubs/classroom");
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode()
    .AddInteractiveWebAssemblyRenderMode()
    .AddAdditionalAssemblies(typeof(CommitLab.Web.Components.Classroom.StudentRoom).Assembly);

await app.RunAsync();
return 0;

/// <summary>The app's entry point; public so the end-to-end tests can host it with WebApplicationFactory.</summary>
public partial class Program;
