using System.Net;
using System.Text.RegularExpressions;
using CommitLab.Engine.TwoGenerals;
using CommitLab.Web.Components.Generals;
using CommitLab.Web.Components.Pages;
using CommitLab.Web.Generals;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Generals;

/// <summary>The page and its parts as the server first sends them (no browser).</summary>
public sealed partial class GeneralsMarkupTests
{
    [Fact]
    public async Task The_prerendered_page_says_it_is_not_live_yet_and_shows_a_lunch()
    {
        var html = await ComponentHtml.RenderAsync<GeneralsPage>();

        Assert.Matches("data-testid=\"generals\"[^>]*data-interactive=\"false\"", html);
        Assert.Matches(@"<h1[^>]*>Two generals: lunch in the sun</h1>", html);
        foreach (var id in new[] { "sam-place", "jill-place", "met", "knowledge", "scene", "send", "run-batch" })
        {
            Assert.Contains($"data-testid=\"{id}\"", html, StringComparison.Ordinal);
        }

        // No batch yet: it runs only when asked.
        Assert.DoesNotContain("data-testid=\"batch-table\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_control_has_a_label()
    {
        var html = await ComponentHtml.RenderAsync<GeneralsPage>();

        Assert.Matches(@"<label>Emails\s*<select", html);
        Assert.Matches(@"<label class=""loss"">Loss rate\s*<input type=""range""", html);
        Assert.Matches(@"<label>Seed\s*<input type=""number""", html);
    }

    [Fact]
    public async Task Emails_that_arrived_are_buttons_named_for_what_selecting_them_does()
    {
        // The renderer writes the dash as a character reference; compare the text a browser would see.
        var html = WebUtility.HtmlDecode(await ComponentHtml.RenderAsync<LunchScene>(new Dictionary<string, object?>
        {
            [nameof(LunchScene.Scene)] = SceneView.From(LunchTrial.Run(new LunchPlan(3).ToggleDrop(2))),
        }));

        Assert.Contains("role=\"button\" aria-label=\"Email 1, Sam to Jill, arrived — click to lose it\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"button\" aria-label=\"Email 2, Jill to Sam, dropped by you — click to let it through\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-label=\"Email 3, Sam to Jill, never sent: Sam had nothing to answer\"", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "tabindex=\"0\""));
        // Without Send there is nothing to animate.
        Assert.DoesNotMatch("class=\"lunch-scene animate", html);
    }

    [Fact]
    public async Task The_batch_panel_renders_its_chart_and_a_table_of_every_cell()
    {
        var view = BatchView.From(LunchBatch.Run(BatchPlan.Default));

        var html = await ComponentHtml.RenderAsync<BatchPanel>(new Dictionary<string, object?> { [nameof(BatchPanel.View)] = view });

        Assert.Equal(2, Regex.Count(html, "<svg class=\"mud-chart-line"));
        Assert.Contains("data-testid=\"met-outside-chart\"", html, StringComparison.Ordinal);
        Assert.Equal(60, Regex.Count(html, "<td data-disagreements=\"[1-9][0-9]*\">"));
        // Two tables, disagreement and both outside, each with a row per loss rate.
        Assert.Equal(20, Regex.Count(html, "<th scope=\"row\">"));
        Assert.Contains("Share of lunches where both ate outside", html, StringComparison.Ordinal);
        Assert.Contains("Every one of the 60 disagreement rates is above zero", html, StringComparison.Ordinal);
    }
}
