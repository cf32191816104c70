using System.Text.RegularExpressions;
using CommitLab.EndToEnd.Tests.Infrastructure;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// The page names the .NET 10 Blazor client script (from the SDK's assets package) and every
/// stylesheet and script it loads, MudBlazor's included; prove on every run that the server hands
/// each of them out.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaticAssetTests(AppFixture app)
{
    [Fact]
    public async Task The_blazor_script_the_page_names_is_fingerprinted_and_served()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        var src = await page.Locator("script[src*='_framework/blazor.web']").GetAttributeAsync("src");
        Assert.NotNull(src);
        Assert.Matches(@"^_framework/blazor\.web\.[a-z0-9]+\.js$", src);

        var response = await page.APIRequest.GetAsync(src);
        Assert.Equal(200, response.Status);
        Assert.Contains("javascript", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("Blazor", await response.TextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_stylesheet_and_script_on_the_page_is_served()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");

        var urls = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('link[rel=stylesheet], link[rel=icon], script[src]')].map(e => e.getAttribute('href') ?? e.getAttribute('src'))");
        Assert.Contains(urls, url => Regex.IsMatch(url, @"^css/site\.[a-z0-9]+\.css$"));
        Assert.Contains(urls, url => url.StartsWith("_content/MudBlazor/", StringComparison.Ordinal));
        foreach (var url in urls)
        {
            var response = await page.APIRequest.GetAsync(url);
            Assert.True(response.Status == 200, $"{url} answered {response.Status}");
        }

        await page.Context.CloseAsync();
    }
}
