using Microsoft.JSInterop;

namespace CommitLab.Web.Tests.Support;

/// <summary>
/// Stands in for the browser's JS runtime, which MudBlazor components inject. Static
/// rendering never calls it for the app's own code; if something does, the test fails loudly instead
/// of silently getting defaults. MudBlazor's components tidy up their browser side when the renderer
/// is disposed (the theme provider stops watching the system scheme), and so do Blazor.Diagrams' canvases
/// (the state machines stop watching their size): those calls get a default.
/// </summary>
public sealed class NoJsRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        identifier.StartsWith("mud", StringComparison.Ordinal) || identifier == "ZBlazorDiagrams.unobserve"
            ? ValueTask.FromResult(default(TValue)!)
            : throw new NotSupportedException($"Markup tests have no browser (JS call {identifier}).");
}
