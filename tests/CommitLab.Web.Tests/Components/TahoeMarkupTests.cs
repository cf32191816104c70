using CommitLab.Engine.Tahoe;
using CommitLab.Web.Components.Lab.Tahoe;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Tahoe;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Components;

/// <summary>The Tahoe panel rendered to HTML from real runs: labels and shapes, never colour alone.</summary>
public sealed partial class TahoeMarkupTests
{
    [System.Text.RegularExpressions.GeneratedRegex(" b-[a-z0-9]{10}")]
    private static partial System.Text.RegularExpressions.Regex ScopeAttribute();

    private static readonly ScenarioLibrary Library = new(Path.Combine(AppContext.BaseDirectory, "lessons", "scenarios"));

    private static async Task<string> Render(string name, long? tick = null, bool modes = true, bool faults = false, TahoeFaultAction? inject = null)
    {
        using var session = new TahoeLabSession();
        session.Load(Library.FindTahoe(name)!.Scenario, name);
        if (inject is not null)
        {
            session.Inject(inject);
        }

        if (tick is { } t)
        {
            session.SeekTick(t);
        }
        else
        {
            session.RunToEnd();
        }

        var html = await ComponentHtml.RenderAsync<TahoePanel>(new Dictionary<string, object?>
        {
            [nameof(TahoePanel.Session)] = session,
            [nameof(TahoePanel.ShowModes)] = modes,
            [nameof(TahoePanel.AllowFaults)] = faults,
            [nameof(TahoePanel.Lines)] = session.RecentLines(5),
        });

        // Scoped CSS marks every element with a b-xxxxxxxxxx attribute; the assertions read past it.
        return ScopeAttribute().Replace(html, "");
    }

    [Fact]
    public async Task The_uncoordinated_end_names_the_lost_update_in_a_status_banner()
    {
        var html = await Render("tahoe-uncoordinated");

        Assert.Contains("data-testid=\"tahoe-outcome\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"status\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Lost update.</strong> S1 holds W1&#x27;s version (W1#1) while S2 and S3 hold W2&#x27;s (W2#1): W1&#x27;s update was lost and nobody was told.", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tahoe-holds-S1\">W1#1</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-finished=\"true\"", html, StringComparison.Ordinal);
        Assert.Matches("data-testid=\"tahoe-agree\"><span aria-hidden=\"true\">[^<]+</span> Servers disagree", html);
    }

    [Fact]
    public async Task The_mode_selector_is_a_labelled_radio_group_with_the_current_mode_checked()
    {
        var html = await Render("tahoe-2pc", tick: 0);

        Assert.Contains("<legend>How the writers coordinate</legend>", html, StringComparison.Ordinal);
        foreach (var mode in TahoeModes.All)
        {
            Assert.Contains($"data-testid=\"tahoe-mode-{mode}\"", html, StringComparison.Ordinal);
        }

        Assert.Matches("value=\"2pc\" checked", html);
        Assert.Contains("data-mode=\"2pc\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Servers_in_2pc_show_their_lock_and_staged_share_in_the_drawing_and_the_table()
    {
        var html = await Render("tahoe-2pc", tick: 100);

        Assert.Contains("<title>Server S1: holds v0, locked for W2 try 1, staged W2#1</title>", html, StringComparison.Ordinal);
        Assert.Contains("class=\"padlock\"", html, StringComparison.Ordinal);
        Assert.Contains("<td>locked for W1 try 1</td>", html, StringComparison.Ordinal);
        Assert.Contains("data-message=\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"2 writers above 3 storage servers,", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"tahoe-outcome\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_magic_folder_shows_the_reader_and_its_conflict()
    {
        var html = await Render("tahoe-magic-folder", modes: false);

        Assert.Contains("data-node=\"R\"", html, StringComparison.Ordinal);
        Assert.Contains("⚠ conflict", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tahoe-reader\">Shows notes.txt with W1&#x27;s edit and W2&#x27;s edit.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("How the writers coordinate", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_faults_on_every_node_and_link_is_a_named_button_and_the_drawing_a_group()
    {
        var html = await Render("tahoe-2pc", tick: 0, faults: true, inject: new TahoeFaultAction.Crash("S2"));

        Assert.Contains("role=\"group\" aria-label=\"2 writers above 3 storage servers, 3 messages in flight. Click a node or a link to inject a fault.\"", html, StringComparison.Ordinal);
        foreach (var label in new[] { "Crash W1", "Crash W2", "Crash S1", "Recover S2", "Crash S3" })
        {
            Assert.Contains($">{label}</button>", html, StringComparison.Ordinal);
        }

        Assert.Contains("class=\"hit\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"button\" tabindex=\"0\" aria-label=\"Recover S2 (Server S2: crashed, on disk holds v0)", html, StringComparison.Ordinal);
        Assert.Equal(6, System.Text.RegularExpressions.Regex.Count(html, "class=\"wire-hit\""));
        Assert.Contains("aria-label=\"Cut W1-S3\" data-wire=\"W1-S3\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"tahoe-hand-faults\">Yours: crash S2 at 0 ms</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_faults_the_drawing_is_an_image_with_nothing_to_press()
    {
        var html = await Render("tahoe-2pc", tick: 0);

        Assert.Contains("role=\"img\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"hit\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("wire-hit", html, StringComparison.Ordinal);
        Assert.DoesNotContain("tahoe-faults", html, StringComparison.Ordinal);
    }
}
