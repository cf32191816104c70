using System.Text.RegularExpressions;
using CommitLab.Web.Components.Layout;
using CommitLab.Web.Components.Pages;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Components;

public sealed partial class HomeMarkupTests
{
    [Fact]
    public async Task Home_introduces_the_product()
    {
        var html = await ComponentHtml.RenderAsync<Home>();

        Assert.Matches(@"<h1[^>]*>CommitLab</h1>", html);
        Assert.Contains("Learn how distributed transactions commit, and how they fail.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_counts_the_lessons_and_links_the_first_one()
    {
        // Scoped CSS marks every element with a b-xxxxxxxxxx attribute; read past it.
        var html = Regex.Replace(await ComponentHtml.RenderAsync<Home>(), " b-[a-z0-9]{10}", "");

        Assert.Contains("<h2 id=\"start-here-title\">Where to go next</h2>", html, StringComparison.Ordinal);
        var lessons = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "lessons"), "*.md").Length;
        Assert.Contains($"<p>{lessons} short lessons, each with live labs and questions", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"primary\" href=\"lessons/why-commit-needs-a-protocol\">Start with lesson 1: Why commit needs a protocol</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"primary\" href=\"lab?scenario=2pc-leader-crash-after-commit\">See 2PC block</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_has_the_run_button_and_an_empty_result_panel()
    {
        var html = await ComponentHtml.RenderAsync<Home>();

        var button = Assert.Single(Tag("button").Matches(html));
        Assert.Contains("data-testid=\"quick-run-button\"", button.Value, StringComparison.Ordinal);
        // Prerendered markup cannot run anything yet; the button is enabled once the page connects.
        Assert.Contains("disabled", button.Value, StringComparison.Ordinal);
        Assert.Contains("Run fault-free 2PC", html, StringComparison.Ordinal);

        var panel = Assert.Single(Tag("div").Matches(html), m => m.Value.Contains("data-testid=\"quick-run-result\"", StringComparison.Ordinal));
        Assert.Contains("role=\"status\"", panel.Value, StringComparison.Ordinal);
        Assert.Contains("No run yet.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_choice_has_a_label()
    {
        var html = await ComponentHtml.RenderAsync<Home>();

        foreach (var id in new[] { "quick-run-protocol", "quick-run-participants" })
        {
            Assert.Contains($"<label for=\"{id}\"", html, StringComparison.Ordinal);
            Assert.Matches($"<select[^>]*id=\"{id}\"", html);
        }

        Assert.Equal(9, Regex.Count(html, "<option value=\"[1-9]\""));
        Assert.Contains("<option value=\"TwoPhase\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"ThreePhase\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_layout_around_home_has_the_main_navigation()
    {
        var html = await ComponentHtml.RenderInLayoutAsync<Home, MainLayout>();

        // The page's own "Where to go next" is a second, separately labelled navigation region.
        var nav = Assert.Single(NavBlock().Matches(html), m => m.Value.Contains("aria-label=\"Main\"", StringComparison.Ordinal));
        foreach (var (href, text) in new[] { ("lab", "Lab"), ("lessons", "Lessons"), ("explore", "Explore"), ("generals", "Two generals"), ("classroom", "Classroom") })
        {
            Assert.Matches($"<a [^>]*href=\"{href}\"[^>]*><span class=\"mud-button-label\">{text}</span></a>", nav.Value);
        }

        // The page itself sits inside the layout's main landmark.
        Assert.Matches("(?s)<main id=\"main\".*data-testid=\"quick-run-button\".*</main>", html);
    }

    [Fact]
    public async Task The_skip_link_targets_the_current_page()
    {
        var html = await ComponentHtml.RenderInLayoutAsync<Home, MainLayout>();

        // The test navigation manager sits on the home page, whose base-relative address is empty.
        Assert.Contains("class=\"skip-link\" href=\"#main\"", html, StringComparison.Ordinal);
    }

    private static Regex Tag(string name) => new($"<{name}\\b[^>]*>", RegexOptions.CultureInvariant);

    [GeneratedRegex("(?s)<nav\\b.*?</nav>")]
    private static partial Regex NavBlock();
}
