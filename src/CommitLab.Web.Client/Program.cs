using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using CommitLab.Web.Classroom;
using MudBlazor.Services;

namespace CommitLab.Web.Client;

/// <summary>
/// The browser side of the app: it hosts only the components rendered in WebAssembly (the student's
/// room page); every other page stays interactive on the server. Not a top-level program, so its
/// name does not collide with the server's <c>Program</c>.
/// </summary>
internal static class BrowserProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebAssemblyHostBuilder.CreateDefault(args);
        builder.Services.AddMudServices();
        builder.Services.AddScoped<IStudentRoomFeed, HubStudentRoomFeed>();
        await builder.Build().RunAsync();
    }
}
