using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>Runs axe-core on a page and describes the violations that block people (serious or critical).</summary>
public static class AxeAudit
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    /// <summary>One line per offending element; empty when the page passes.</summary>
    public static async Task<IReadOnlyList<string>> BlockingViolationsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .Where(violation => BlockingImpacts.Contains(violation.Impact, StringComparer.OrdinalIgnoreCase))
            .SelectMany(violation => violation.Nodes.Select(node =>
                $"{violation.Impact} {violation.Id}: {violation.Help} at {node.Target} — {node.Html}"))
            .ToList();
    }
}
