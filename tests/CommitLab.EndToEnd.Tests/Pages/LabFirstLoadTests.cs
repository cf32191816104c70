using System.Collections.Concurrent;
using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// What a first visit to the Lab costs the visitor: only what the page needs, compressed. The Lab is
/// server-interactive, so none of the WebAssembly files the student page runs on may come with it;
/// the page and its stylesheets and scripts travel compressed; and opening it leaves nothing in the
/// server's error log. (How fast it is comes from the lab-load script, not from a timed test.)
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LabFirstLoadTests(AppFixture app)
{
    private sealed record Fetched(string Path, string ResourceType, string? Encoding, int Status);

    /// <summary>Opens /lab in an empty browser context and returns every response until the Lab is live and the network is quiet.</summary>
    private async Task<IReadOnlyList<Fetched>> FirstLoadAsync()
    {
        var page = await app.NewPageAsync();
        var responses = new ConcurrentQueue<IResponse>();
        page.Response += (_, response) => responses.Enqueue(response);

        await page.GotoAsync("/lab");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var fetched = new List<Fetched>();
        foreach (var response in responses)
        {
            var path = new Uri(response.Url).AbsolutePath;
            fetched.Add(new Fetched(path, response.Request.ResourceType, await response.HeaderValueAsync("content-encoding"), response.Status));
        }

        await page.Context.CloseAsync();
        return fetched;
    }

    [Fact]
    public async Task The_first_load_of_the_Lab_fetches_no_WebAssembly()
    {
        var fetched = await FirstLoadAsync();

        Assert.Contains(fetched, f => f.Path.StartsWith("/_framework/blazor.web", StringComparison.Ordinal));
        var webAssembly = fetched.Where(f => f.Path.EndsWith(".wasm", StringComparison.Ordinal)
            || f.Path.Contains("/_framework/dotnet", StringComparison.Ordinal)
            || f.Path.Contains("blazor.boot", StringComparison.Ordinal)).Select(f => f.Path).ToList();
        Assert.True(webAssembly.Count == 0, "the Lab fetched WebAssembly files: " + string.Join(", ", webAssembly));
    }

    [Fact]
    public async Task The_Lab_page_its_stylesheets_and_its_scripts_arrive_compressed()
    {
        var fetched = await FirstLoadAsync();

        var text = fetched.Where(f => f.Status == 200 && f.ResourceType is "document" or "stylesheet" or "script").ToList();
        Assert.Contains(text, f => f.ResourceType == "document" && f.Path == "/lab");
        Assert.Contains(text, f => f.Path.StartsWith("/_content/MudBlazor/", StringComparison.Ordinal));
        var plain = text.Where(f => f.Encoding is not ("br" or "gzip")).Select(f => $"{f.Path} ({f.ResourceType})").ToList();
        Assert.True(plain.Count == 0, "sent uncompressed: " + string.Join(", ", plain));
    }

    [Fact]
    public async Task Opening_the_Lab_logs_no_error()
    {
        var logged = app.Log.Entries.Count;

        var fetched = await FirstLoadAsync();

        Assert.Contains(fetched, f => f.Path == "/lab" && f.Status == 200);
        var errors = app.Log.Entries.Skip(logged).Where(e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error).Select(e => $"{e.Category}: {e.Message} {e.Exception?.Message}").ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }
}
