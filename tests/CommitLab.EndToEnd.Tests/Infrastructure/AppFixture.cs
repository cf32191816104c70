using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One running CommitLab server and one Chromium, shared by every browser test (starting either
/// takes seconds). Each test gets its own browser context, so cookies and storage never leak between
/// tests, and a test that needs two people (an instructor and a student) simply opens two.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes the fixture through IAsyncLifetime.DisposeAsync.")]
public sealed class AppFixture : IAsyncLifetime
{
    private readonly ConcurrentBag<IBrowserContext> contexts = [];
    private CommitLabFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The server's address, for example http://127.0.0.1:41234/. Stays the same across restarts.</summary>
    public Uri BaseUrl { get; private set; } = default!;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The running server's services, for tests that arrange or inspect server-side state.</summary>
    public IServiceProvider Services => factory?.Services ?? throw new InvalidOperationException("The server is not running.");

    public async Task InitializeAsync()
    {
        // Playwright's 5 s default is tight when the test run shares two cores with other test
        // projects and the first circuit of a cold server is still warming up.
        Assertions.SetDefaultExpectTimeout(15_000);
        StartServer(port: 0);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(ChromiumSettings.LaunchOptions());
    }

    /// <summary>A fresh browser context (its own cookies and storage) pointed at the server.</summary>
    /// <param name="baseUrl">Another way to the server (a <see cref="TcpProxy"/>); the server itself when null.</param>
    /// <param name="hasTouch">A touch screen (a phone, a tablet): taps and touch events, as a finger sends them.</param>
    public async Task<IBrowserContext> NewContextAsync(ColorScheme colorScheme = ColorScheme.Light, ViewportSize? viewport = null, Uri? baseUrl = null, bool hasTouch = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (baseUrl ?? BaseUrl).ToString(),
            ColorScheme = colorScheme,
            ReducedMotion = ReducedMotion.Reduce,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
            HasTouch = hasTouch,
        });
        contexts.Add(context);
        return context;
    }

    /// <summary>A page in a context of its own.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme colorScheme = ColorScheme.Light, ViewportSize? viewport = null, Uri? baseUrl = null)
    {
        var context = await NewContextAsync(colorScheme, viewport, baseUrl);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Stops the server; open pages lose their connection. A test that calls this must call
    /// <see cref="StartServerAgainAsync"/> (in a finally block) so later tests find a server.
    /// </summary>
    public async Task StopServerAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
            factory = null;
        }
    }

    /// <summary>Starts a fresh server (no memory of earlier sessions) on the same port, as after a redeploy.</summary>
    public Task StartServerAgainAsync()
    {
        if (factory is not null)
        {
            throw new InvalidOperationException("The server is already running.");
        }

        StartServer(BaseUrl.Port);
        return Task.CompletedTask;
    }

    public async Task RestartServerAsync()
    {
        await StopServerAsync();
        await StartServerAgainAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await StopServerAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>What the server logged (Warning and above), across restarts.</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>The server's data folder (the classroom database), kept across restarts, removed at the end.</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("commitlab-e2e-").FullName;

    private void StartServer(int port)
    {
        factory = new CommitLabFactory(port, DataDirectory, Log);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        var address = new Uri(addresses.Addresses.Single());
        BaseUrl = new UriBuilder(address) { Host = "127.0.0.1", Path = "/" }.Uri;
    }
}
