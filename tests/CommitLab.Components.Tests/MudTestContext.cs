using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CommitLab.Components.Tests;

/// <summary>
/// A bUnit context with the services the app registers for its components: MudBlazor's, with the
/// browser's JS runtime in loose mode (MudBlazor's calls for sizes and focus answer with defaults),
/// Some of MudBlazor's services can only be disposed asynchronously, so xunit disposes the context
/// through <see cref="IAsyncLifetime"/> before its synchronous Dispose finds nothing left to do.
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();
}
