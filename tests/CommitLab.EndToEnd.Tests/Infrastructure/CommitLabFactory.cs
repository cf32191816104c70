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
    public CommitLabFactory(int port)
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development is what `dotnet run` uses: static web assets are served from the source tree
        // through the build's manifest, so the browser gets exactly the files the repository holds.
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
    }
}
