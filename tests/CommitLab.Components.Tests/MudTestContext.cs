using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace CommitLab.Components.Tests;

/// <summary>
/// A bUnit context with the services the app registers for its components: MudBlazor's, with the
/// browser's JS runtime in loose mode (MudBlazor's calls for sizes and focus answer with defaults),
/// and the popover provider rendered so menus and tooltips have somewhere to open.
/// </summary>
public abstract class MudTestContext : BunitContext
{
    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }
}
