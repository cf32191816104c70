using CommitLab.Web.Components.Pages;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Explore;

/// <summary>The Explore page as the server first sends it (no browser).</summary>
public sealed class ExploreMarkupTests
{
    [Fact]
    public async Task The_prerendered_page_offers_both_models_labelled_controls_and_no_result_yet()
    {
        var html = await ComponentHtml.RenderAsync<ExplorePage>();

        Assert.Matches("data-testid=\"explore\"[^>]*data-interactive=\"false\"", html);
        Assert.Matches(@"<option value=""tcommit-tla""[^>]*>TCommit.tla</option>", html);
        Assert.Matches(@"<option value=""twophase-tla""[^>]*>TwoPhase.tla</option>", html);
        Assert.Matches(@"<label>\s*Model\s*<select", html);
        Assert.Matches(@"<label>\s*Resource managers \(RMs\)\s*<input type=""number"" min=""1"" max=""9""", html);
        Assert.DoesNotContain("data-testid=\"result\"", html, StringComparison.Ordinal);
    }
}
