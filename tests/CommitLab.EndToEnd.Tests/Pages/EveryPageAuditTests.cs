using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// Every page a visitor can reach, in both themes, at a laptop, a projector and a phone size, passes
/// axe with no serious or critical finding. The page tests audit the states a click reaches; this one
/// makes sure no page (a lesson added later included: they are read from the course map) is missed.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EveryPageAuditTests(AppFixture app)
{
    /// <summary>A page to audit, and how to know it has drawn what it shows.</summary>
    private sealed record Stop(string Path, Func<IPage, Task> Ready);

    /// <summary>
    /// Each theme at each size. The lessons, long pages that take most of the time, are audited in
    /// both themes on a phone (where their tables and drawings change layout) and in one theme at each
    /// desktop size: colours depend on the theme, layout on the size, so each is still seen.
    /// </summary>
    public static TheoryData<string, int, int, bool> EverySchemeAndSize => new()
    {
        { "light", 1280, 800, true },
        { "dark", 1280, 800, false },
        { "light", 1920, 1080, false },
        { "dark", 1920, 1080, true },
        { "light", 390, 844, true },
        { "dark", 390, 844, true },
    };

    [Theory]
    [MemberData(nameof(EverySchemeAndSize))]
    public async Task Every_page_has_no_serious_or_critical_axe_violations(string scheme, int width, int height, bool lessons)
    {
        var page = await app.NewPageAsync(
            scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light,
            new ViewportSize { Width = width, Height = height });

        var lessonPaths = await LessonPathsAsync(page);
        Assert.True(lessonPaths.Count >= 9, $"the course map lists {lessonPaths.Count} lessons");

        var stops = new List<Stop>
        {
            new("/", p => Expect(p.GetByTestId("quick-run-button")).ToBeEnabledAsync()),
            new("/lessons", Interactive("lessons")),
            new("/lab", Interactive("lab")),
            new("/lab?scenario=tahoe-2pc", Interactive("lab")),
            new("/lab/compare", Interactive("compare")),
            new("/generals", Interactive("generals")),
            new("/explore", Interactive("explore")),
            new("/builder", p => Expect(p.Locator(".diagram-frame .diagram-node").First).ToBeVisibleAsync()),
            new("/classroom", p => Expect(p.GetByTestId("classroom-home")).ToBeVisibleAsync()),
            new("/classroom/new", p => Expect(p.GetByTestId("new-room")).ToBeVisibleAsync()),
            new("/join", p => Expect(p.GetByTestId("join-form")).ToBeVisibleAsync()),
            new("/no-such-page", p => Expect(p.GetByRole(AriaRole.Heading).First).ToBeVisibleAsync()),
        };
        if (lessons)
        {
            stops.AddRange(lessonPaths.Select(path => new Stop(path, Interactive("lesson"))));
        }

        var findings = new List<string>();
        foreach (var stop in stops)
        {
            await page.GotoAsync(stop.Path);
            await stop.Ready(page);
            findings.AddRange((await AxeAudit.BlockingViolationsAsync(page)).Select(line => $"{stop.Path}: {line}"));
        }

        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
        await page.Context.CloseAsync();
    }

    private static Func<IPage, Task> Interactive(string testId) =>
        page => Expect(page.GetByTestId(testId)).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>Every lesson the course map links to, in its order.</summary>
    private static async Task<IReadOnlyList<string>> LessonPathsAsync(IPage page)
    {
        await page.GotoAsync("/lessons");
        await Expect(page.GetByTestId("lessons")).ToHaveAttributeAsync("data-interactive", "true");
        var hrefs = await page.Locator("[data-testid='lessons'] a[href*='lessons/']")
            .EvaluateAllAsync<string[]>("links => links.map(a => new URL(a.href).pathname)");
        return hrefs.Distinct().ToList();
    }
}
