using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Hosts the real CommitLab app in the test process on a real Kestrel socket (a browser cannot reach
/// the in-memory TestServer). Listens on 127.0.0.1 only; port 0 lets the OS pick a free port.
/// </summary>
public sealed class CommitLabFactory : WebApplicationFactory<Program>
{
    private readonly string dataDirectory;
    private readonly CapturedLog log;

    /// <param name="dataDirectory">The classroom database's folder; the same one across a restart, as on a real server.</param>
    /// <param name="log">Keeps what the server logs (Warning and above).</param>
    public CommitLabFactory(int port, string dataDirectory, CapturedLog log)
    {
        this.dataDirectory = dataDirectory;
        this.log = log;
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development is what `dotnet run` uses: static web assets are served from the source tree
        // through the build's manifest, so the browser gets exactly the files the repository holds.
        builder.UseEnvironment("Development");
        builder.UseSetting("CommitLab:DataDirectory", dataDirectory);
        // Every test connects from 127.0.0.1, so one test's wrong join codes count against all of
        // them: a short window lets the throttling test wait for the limit to lift.
        builder.UseSetting("CommitLab:Classroom:JoinWindow", "00:00:04");
        // Every test opens its rooms from 127.0.0.1 too, one after another, faster than rooms go idle.
        builder.UseSetting("CommitLab:Classroom:MaxLiveRoomsPerClient", "1000");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(log));
    }
}
