using Microsoft.JSInterop;

namespace CommitLab.Web.Tests.Support;

/// <summary>
/// Stands in for the browser's JS runtime, which Radzen components inject. Static rendering never
/// calls it; if something does, the test fails loudly instead of silently getting defaults.
/// </summary>
public sealed class NoJsRuntime : IJSRuntime
{
    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        throw new NotSupportedException($"Markup tests have no browser (JS call {identifier}).");

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
        throw new NotSupportedException($"Markup tests have no browser (JS call {identifier}).");
}
