using Microsoft.Playwright;

namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>Moves a range input the way a drag does: sets its value and fires the input event Blazor listens to.</summary>
internal static class RangeInput
{
    public static async Task SetAsync(ILocator range, string value) =>
        await range.EvaluateAsync("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }", value);
}
