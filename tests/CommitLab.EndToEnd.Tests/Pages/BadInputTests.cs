using System.Text;
using CommitLab.EndToEnd.Tests.Infrastructure;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Classroom;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Sharing;
using CommitLab.Web.Tests.Lab;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommitLab.EndToEnd.Tests.Pages;

/// <summary>
/// Bad input from outside, on the real server: broken YAML in a link or an imported file, mistyped
/// numbers in a link, and runs so long their links once failed with 414. Each page opens (200) and
/// says what was wrong, instead of an error page.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class BadInputTests(AppFixture app)
{
    /// <summary>YAML on which the parser library threw an exception the readers did not expect.</summary>
    private const string UnclosedList = "x: [\ny: z\n";

    private const string UnclosedTahoeList = "protocol: tahoe\nmode: 2pc\nfaults: [\nwriters: 2\n";

    private static string Plain(string yaml) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(yaml));

    private static readonly string ValidRun = ShareLink.Pack(new Scenario { Participants = 3, Seed = 4 })!;

    private async Task<IPage> OpenAsync(string url, int status = 200)
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync(url);
        Assert.Equal(status, response?.Status);
        return page;
    }

    [Theory]
    [InlineData("run", UnclosedList, "shared link:2:1: this is not valid YAML")]
    [InlineData("tahoe", UnclosedTahoeList, "shared link:4:1: this is not valid YAML")]
    public async Task A_link_with_yaml_the_parser_chokes_on_opens_the_lab_with_the_error_at_its_line(string part, string yaml, string error)
    {
        var page = await OpenAsync($"/lab?{part}={Plain(yaml)}");

        await Expect(page.GetByTestId("load-error")).ToContainTextAsync("Could not open that run: " + error);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(UnclosedList, "broken.yaml:2:1: this is not valid YAML")]
    [InlineData(UnclosedTahoeList, "broken.yaml:4:1: this is not valid YAML")]
    public async Task Importing_yaml_the_parser_chokes_on_shows_the_error_at_its_line(string yaml, string error)
    {
        var page = await OpenAsync("/lab");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");

        await page.GetByTestId("import").SetInputFilesAsync(new FilePayload { Name = "broken.yaml", MimeType = "text/yaml", Buffer = Encoding.UTF8.GetBytes(yaml) });

        await Expect(page.GetByTestId("load-error")).ToContainTextAsync(error);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("&e=abc", "The link's e= value 'abc' is not a whole number, so it was ignored.")]
    [InlineData("&e=99999999999999999999999", "The link's e= value '99999999999999999999999' is out of range")]
    [InlineData("&t=-4", "The link's t= value '-4' is out of range (0 to 1,000,000), so it was ignored.")]
    [InlineData("&t=12x", "The link's t= value '12x' is not a whole number, so it was ignored.")]
    [InlineData("&presenter=maybe", "The link's presenter= value 'maybe' is not true or false, so it was ignored.")]
    public async Task A_mistyped_number_in_a_lab_link_is_ignored_with_a_note_and_the_run_opens(string query, string note)
    {
        var page = await OpenAsync($"/lab?run={ValidRun}{query}");

        await Expect(page.GetByTestId("link-note")).ToContainTextAsync(note);
        await Expect(page.Locator(".run-facts")).ToContainTextAsync("3 participants");
        await Expect(page.Locator(".run-facts")).ToContainTextAsync("seed 4");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/lab?scenario=2pc-happy-path&t=abc", 200)]
    [InlineData("/lab?tahoe=" + "&t=1e9", 200)]
    [InlineData("/lab?scenario=2pc-happy-path&scenario=3pc&t=1&t=x&e=2&e=", 200)]
    [InlineData("/lessons?page=abc&x=%00", 200)]
    [InlineData("/lessons/no-such-lesson?step=-1", 404)]
    [InlineData("/generals?k=abc&loss=99999999999999999999999", 200)]
    [InlineData("/classroom?code=%E2%80%AE", 200)]
    [InlineData("/classroom/new?scenario=99999999999999999999999", 200)]
    [InlineData("/join?code=%00%0A&x=1", 200)]
    [InlineData("/classroom/ZZZ-999?student=abc", 200)]
    [InlineData("/classroom/nothing/console?key=abc&key=def", 200)]
    public async Task Other_pages_with_odd_query_values_open(string url, int status)
    {
        var page = await OpenAsync(url, status);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_150_fault_run_makes_a_share_link_that_opens_the_run()
    {
        var link = ShareLink.Create(LongRuns.WithFaults(150), new TimelinePosition(40, 300));
        Assert.NotNull(link);

        var page = await OpenAsync(link);

        await Expect(page.Locator(".run-facts")).ToContainTextAsync("150 fault(s)");
        await Expect(page.Locator(".run-title")).ToHaveTextAsync("A lecture with 150 faults");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_room_with_150_faults_gives_students_a_fork_link_that_opens_the_run()
    {
        var (room, _, problem) = app.Services.GetRequiredService<ClassroomService>().Create(LongRuns.WithFaults(150), null, "203.0.113.150");
        Assert.True(room is not null, problem);
        var student = await app.NewPageAsync();
        await ClassroomSteps.JoinAsync(student, RoomSecrets.Display(room.Code), "Grace");
        var fork = await student.GetByTestId("fork").GetAttributeAsync("href");
        Assert.NotNull(fork);

        var lab = await OpenAsync("/" + fork);

        await Expect(lab.Locator(".run-facts")).ToContainTextAsync("150 fault(s)");
        await Expect(lab.Locator(".run-title")).ToHaveTextAsync("A lecture with 150 faults");
        await lab.Context.CloseAsync();
        await student.Context.CloseAsync();
    }

    [Fact]
    public async Task A_run_too_long_for_any_link_leaves_a_plain_address_and_says_how_to_share_it()
    {
        var page = await OpenAsync("/lab?scenario=3pc-happy-path");
        await Expect(page.GetByTestId("lab")).ToHaveAttributeAsync("data-interactive", "true");
        var yaml = ScenarioWriter.ToYaml(LongRuns.Scattered());

        await page.GetByTestId("import").SetInputFilesAsync(new FilePayload { Name = "scattered.yaml", MimeType = "text/yaml", Buffer = Encoding.UTF8.GetBytes(yaml) });

        await Expect(page.Locator(".run-facts")).ToContainTextAsync("1000 fault(s)");
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "too many faults to fit in a link" })).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/lab$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_room_too_long_for_any_link_tells_students_instead_of_offering_a_fork_that_fails()
    {
        var (room, _, problem) = app.Services.GetRequiredService<ClassroomService>().Create(LongRuns.Scattered(), null, "203.0.113.151");
        Assert.True(room is not null, problem);
        var student = await app.NewPageAsync();

        await ClassroomSteps.JoinAsync(student, RoomSecrets.Display(room.Code), "Linus");

        await Expect(student.GetByTestId("fork-too-long")).ToContainTextAsync("too many faults to open in a link");
        await Expect(student.GetByTestId("fork")).ToHaveCountAsync(0);
        await student.Context.CloseAsync();
    }
}
