using Microsoft.JSInterop;

namespace CommitLab.Web.Tests.Support;

/// <summary>
/// Stands in for the browser's JS runtime, which MudBlazor components inject. Static
/// rendering never calls it for the app's own code; if something does, the test fails loudly instead
/// of silently getting defaults. MudBlazor's components tidy up their browser side when the renderer
/// is disposed (the theme provider stops watching the system scheme): those calls get a default.
/// </summary>
public sealed class NoJsRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        identifier.StartsWith("mud", StringComparison.Ordinal)
            ? ValueTask.FromResult(default(TValue)!)
            : throw new NotSupportedException($"Markup tests have no browser (JS call {identifier}).");
}
