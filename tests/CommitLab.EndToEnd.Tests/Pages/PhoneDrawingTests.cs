using System.Globalization;
using System.Text.Json;
using CommitLab.EndToEnd.Tests.Infrastructure;
using Microsoft.Playwright;
using static CommitLab.EndToEnd.Tests.Pages.ClassroomSteps;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// On a 390x844 phone every text in the network drawing reads at 12 CSS px or more, in the Lab, a
/// lesson's lab and a student's page, and a crash is unmistakable in either theme: the drawing says
/// in words that the leader crashed.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PhoneDrawingTests(AppFixture app)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    /// <summary>One text of the drawing as rendered: its words, its font size times the drawing's scale, and its box's height.</summary>
    private sealed record RenderedText(string Text, double FontPixels, double BoxHeight);

    /// <summary>Every visible text in a network drawing, measured in CSS pixels.</summary>
    private static async Task<IReadOnlyList<RenderedText>> MeasureAsync(ILocator drawing)
    {
        var json = await drawing.EvaluateAsync<JsonElement>("""
            svg => {
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              return [...svg.querySelectorAll('text')]
                .filter(t => t.textContent.trim() !== '' && t.getClientRects().length > 0)
                .map(t => [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * scale, t.getBoundingClientRect().height]);
            }
            """);
        return [.. json.EnumerateArray().Select(t => new RenderedText(t[0].GetString()!, t[1].GetDouble(), t[2].GetDouble()))];
    }

    private static async Task AssertEveryTextAtLeast12PixelsAsync(ILocator drawing, string where)
    {
        await Expect(drawing).ToHaveAttributeAsync("data-layout", "phone");
        var texts = await MeasureAsync(drawing);
        Assert.NotEmpty(texts);
        var small = texts.Where(t => t.FontPixels < 12 || t.BoxHeight < 12).ToList();
        Assert.True(small.Count == 0, $"{where}: " + string.Join("; ", small.Select(t =>
            string.Create(CultureInfo.InvariantCulture, $"'{t.Text}' at {t.FontPixels:0.0} px (box {t.BoxHeight:0.0} px)"))));
    }

    [Fact]
    public async Task Every_text_in_the_labs_drawing_reads_at_12_px_on_a_phone_and_the_crash_is_said_in_words()
    {
        var page = await app.NewPageAsync(viewport: Phone);
        // The leader is down, the participants suspect it and ask each other: every kind of text is drawn.
        await page.GotoAsync("/lab?scenario=2pc-leader-crash-after-commit&t=700");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        var drawing = page.Locator("svg.network");

        await AssertEveryTextAtLeast12PixelsAsync(drawing, "Lab");
        await Expect(drawing.GetByTestId("down-caption")).ToHaveTextAsync("The leader L crashed");
        await Expect(drawing.Locator("g.node[data-node=L] .crashed-word")).ToBeVisibleAsync();
        var box = (await drawing.BoundingBoxAsync())!;
        Assert.True(box.Width >= 360, $"the drawing is only {box.Width:0} px wide on a 390 px phone");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_text_in_a_lessons_drawing_reads_at_12_px_on_a_phone()
    {
        var page = await app.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/lessons/when-the-leader-fails");
        var drawings = page.Locator("svg.network");
        await Expect(drawings.First).ToHaveAttributeAsync("data-layout", "phone");

        var count = await drawings.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await drawings.Nth(i).ScrollIntoViewIfNeededAsync();
            await AssertEveryTextAtLeast12PixelsAsync(drawings.Nth(i), $"lesson lab {i + 1}");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Every_text_in_a_students_drawing_reads_at_12_px_on_a_phone_and_the_killed_leader_is_said_in_words()
    {
        var instructor = await app.NewPageAsync();
        var (code, _) = await OpenRoomAsync(instructor, "2pc-happy-path");
        var student = await app.NewPageAsync(viewport: Phone);
        await JoinAsync(student, code, "Ada");
        await StepAsync(instructor, 2);

        await instructor.GetByTestId("crash-leader").ClickAsync();

        var drawing = Stage(student).Locator("svg.network");
        await Expect(drawing.GetByTestId("down-caption")).ToHaveTextAsync("The leader L crashed");
        await AssertEveryTextAtLeast12PixelsAsync(drawing, "student page");
        // Edge to edge, but not past the edges: a word at the side would be cut off.
        var box = (await drawing.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= Phone.Width, $"the drawing spans {box.X:0} to {box.X + box.Width:0} on a {Phone.Width} px screen");
        await instructor.Context.CloseAsync();
        await student.Context.CloseAsync();
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task A_crashed_leader_stands_out_on_a_phone_in_either_theme(string scheme)
    {
        var page = await app.NewPageAsync(scheme == "dark" ? ColorScheme.Dark : ColorScheme.Light, Phone);
        await page.GotoAsync("/lab?scenario=2pc-leader-crash-after-commit&t=700");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        var drawing = page.Locator("svg.network");
        await Expect(drawing.GetByTestId("down-caption")).ToHaveTextAsync("The leader L crashed");

        // The words in red and the cross in the text colour, each against the drawing's own background.
        var contrasts = await drawing.EvaluateAsync<double[]>("""
            svg => {
              const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
              const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
              const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
              const ground = getComputedStyle(svg.closest('.network-pane')).backgroundColor;
              const caption = svg.querySelector('[data-testid=down-caption]');
              const word = svg.querySelector('g.node[data-node=L] .crashed-word');
              const cross = svg.querySelector('g.node[data-node=L] .cross');
              return [ratio(getComputedStyle(caption).fill, ground), ratio(getComputedStyle(word).fill, ground), ratio(getComputedStyle(cross).stroke, ground)];
            }
            """);

        Assert.True(contrasts[0] >= 4.5, $"the caption's contrast is {contrasts[0]:0.0} in {scheme}");
        Assert.True(contrasts[1] >= 4.5, $"the crashed word's contrast is {contrasts[1]:0.0} in {scheme}");
        Assert.True(contrasts[2] >= 7, $"the cross's contrast is {contrasts[2]:0.0} in {scheme}");
        await AxeAudit.AssertNoBlockingViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_no_message_in_flight_covers_a_nodes_state_word_from_0_ms_on()
    {
        var page = await app.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/lab?scenario=2pc-happy-path");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        var drawing = page.Locator("svg.network");
        await Expect(drawing).ToHaveAttributeAsync("data-layout", "phone");
        await Expect(drawing.Locator("g.node[data-node=L] text.state")).ToHaveTextAsync("collecting votes");

        // At 0 ms the three PREPAREs have just left L; then on, event by event, while messages fly both ways.
        var checkedMessages = 0;
        for (var step = 0; step <= 6; step++)
        {
            if (step > 0)
            {
                var events = await page.GetByTestId("lab").GetAttributeAsync("data-events");
                await page.GetByTestId("step").ClickAsync();
                await Expect(page.GetByTestId("lab")).Not.ToHaveAttributeAsync("data-events", events!);
            }

            var overlaps = await drawing.EvaluateAsync<string[]>("""
                svg => {
                  const box = e => e.getBoundingClientRect();
                  const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
                  const words = [...svg.querySelectorAll('g.node')].map(n => [n.dataset.node, n.querySelector('text.state')]);
                  const found = [];
                  for (const m of svg.querySelectorAll('g.message')) {
                    for (const part of [m.querySelector('.marker'), m.querySelector('text.label')]) {
                      for (const [node, word] of words) {
                        if (meet(box(part), box(word))) found.push(`${m.dataset.kind} #${m.dataset.message} (${part.tagName}) covers ${node}'s '${word.textContent}'`);
                      }
                    }
                  }
                  return [String(svg.querySelectorAll('g.message').length), ...found];
                }
                """);
            checkedMessages += int.Parse(overlaps[0], CultureInfo.InvariantCulture);
            var tick = await page.GetByTestId("clock").TextContentAsync();
            Assert.True(overlaps.Length == 1, $"at {tick}: " + string.Join("; ", overlaps.Skip(1)));
        }

        Assert.True(checkedMessages >= 10, $"only {checkedMessages} messages in flight were measured");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Widening_the_window_past_a_phone_brings_the_usual_drawing_back()
    {
        var page = await app.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/lab?scenario=2pc-happy-path");
        await Expect(page.Locator("svg.network")).ToHaveAttributeAsync("data-layout", "phone");

        await page.SetViewportSizeAsync(1280, 800);

        await Expect(page.Locator("svg.network")).ToHaveAttributeAsync("data-layout", "wide");
        await Expect(page.Locator("svg.network")).ToHaveAttributeAsync("viewBox", "0 0 1000 600");
        await page.Context.CloseAsync();
    }
}
