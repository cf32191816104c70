using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CommitLab.EndToEnd.Tests.Infrastructure;

/// <summary>Runs axe-core on a page and describes the violations that block people (serious or critical).</summary>
public static class AxeAudit
{
    private static readonly string[] BlockingImpacts = ["serious", "critical"];

    /// <summary>The colour schemes and window sizes every page is audited in: desktop and phone, light and dark.</summary>
    public static TheoryData<string, int, int> SchemesAndSizes => new()
    {
        { "light", 1280, 800 },
        { "dark", 1280, 800 },
        { "light", 390, 844 },
        { "dark", 390, 844 },
    };

    /// <summary>Fails with every violation written out in full (Assert.Empty would cut the descriptions short).</summary>
    public static async Task AssertNoBlockingViolationsAsync(IPage page)
    {
        var violations = await BlockingViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

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
