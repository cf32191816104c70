using System.Diagnostics;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Components.Lab;
using CommitLab.Web.Hosting;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Narration;
using CommitLab.Web.Lab.Network;
using CommitLab.Web.Lab.Sharing;
using CommitLab.Web.Lab.SpaceTime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace CommitLab.Web.Components.Pages;

/// <summary>
/// The Lab page: wires a <see cref="PlaybackSession"/> to the stage. Everything with logic lives in
/// the session and the view models; this class only turns their state into parameters and user
/// actions into calls. Every part of the page reads the session's newest frame, one moment; renders
/// follow the session's frames, at most every 50 ms while playing.
/// </summary>
public sealed partial class LabPage : IDisposable
{
    private LabSelection? selection;
    private readonly SelectionHold hold = new();
    private bool menuOpen;
    private LabErrorBoundary? boundary;

    private bool interactive;
    private LabFrame frame = default!;

    /// <summary>What the settings panel shows: the loaded run's settings (or the ones last applied).</summary>
    private LabSettings settings = new();

    /// <summary>The projector view (<see cref="ProjectorView"/>): only the run, large.</summary>
    private bool projector;
    private string? faultError;
    private string? handFaultError;
    private CommitLab.Engine.Scenarios.Scenario? listedRecording;
    private IReadOnlyList<HandFaultItem> handFaults = [];
    private string? settingsError;
    private string? loadError;
    private string? notice;

    /// <summary>What the loaded library scenario shows, from the library; null for runs opened by link or import.</summary>
    private string? description;

    /// <summary>What the page ignored in its link (a tick that is not a number, ...), so the reader knows why it opened where it did.</summary>
    private readonly List<string> linkNotes = [];

    [Inject]
    private ScenarioLibrary Library { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ILogger<LabPage> Log { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "run")]
    public string? Run { get; set; }

    // Numbers and switches arrive as text and are read by QueryValue: a typed parameter that does not
    // bind fails the whole page (HTTP 500) over one mistyped character.
    [SupplyParameterFromQuery(Name = "e")]
    public string? AtEventText { get; set; }

    [SupplyParameterFromQuery(Name = "t")]
    public string? AtTickText { get; set; }

    [SupplyParameterFromQuery(Name = "tahoe")]
    public string? TahoeRun { get; set; }

    [SupplyParameterFromQuery(Name = "scenario")]
    public string? ScenarioName { get; set; }

    /// <summary>An old presenter-mode link's value: it opens the projector view (<see cref="ProjectorView.OldQueryName"/>).</summary>
    [SupplyParameterFromQuery(Name = ProjectorView.OldQueryName)]
    public string? PresenterText { get; set; }

    [SupplyParameterFromQuery(Name = ProjectorView.QueryName)]
    public string? ViewText { get; set; }

    public PlaybackSession Session { get; } = new();

    /// <summary>
    /// What the picker shows when the page opens: the scenario a link opened. Set once and never
    /// re-rendered, so the server never writes a stale choice back while someone arrows through the list.
    /// </summary>
    private string pickerInitial = "";

    /// <summary>The library scenario the run on screen comes from (matched by title, so shared links and imports find theirs too), or "".</summary>
    private string PickerValue => Library.Scenarios.FirstOrDefault(s => s.Title == Session.Title)?.Name ?? "";

    /// <summary>
    /// The heading's run title. Once faults are injected the scenario's own title ("…when nothing goes
    /// wrong") no longer describes what is on screen, so the heading says where the run started instead.
    /// </summary>
    private string RunTitle
    {
        get
        {
            var injected = Library.Find(PickerValue) is { } filed ? Session.Recording.Faults.Length - filed.Scenario.Faults.Length : 0;
            return injected > 0
                ? $"your run, started from “{Session.Title}” with {injected} fault{(injected == 1 ? "" : "s")} injected"
                : Session.Title;
        }
    }

    private string Facts => Session.Recording.Tahoe is { } tahoe
        ? $"{Names.Of(frame.Snapshot.Protocol)}, {tahoe.Writers} writers, {tahoe.Servers} servers, seed {Session.Recording.Seed}, {Session.Recording.Faults.Length} fault(s)"
        : $"{Names.Of(frame.Snapshot.Protocol).ToUpperInvariant()}, {settings.Participants} participants, " +
        $"{Names.Of(settings.Detector)} detector, seed {settings.Seed}, {Session.Recording.Faults.Length} fault(s)";

    public void Dispose()
    {
        Session.Published -= OnPublished;
        Session.Dispose();
    }

    protected override void OnInitialized()
    {
        var presenterLink = QueryValue.Switch(PresenterText, ProjectorView.OldQueryName, linkNotes);
        projector = ProjectorView.Read(ViewText, linkNotes) || presenterLink;
        var atEvent = QueryValue.WholeNumber(AtEventText, "e", long.MaxValue, linkNotes);
        var atTick = QueryValue.WholeNumber(AtTickText, "t", Scenario.MaxTicksLimit, linkNotes);
        try
        {
            if (Run is not null)
            {
                var (recording, cursor) = ShareLink.Read(Run, atEvent, atTick);
                Session.Load(recording);
                Session.Seek(cursor);
            }
            else if (TahoeRun is not null)
            {
                // A shared Tahoe run (links made before Tahoe runs shared the Lab's one session): the whole scenario, faults included.
                Session.Load(ShareLink.ReadScenario(TahoeRun, "tahoe"));
                if (atTick is { } sharedTick)
                {
                    Session.SeekTick(sharedTick);
                }
            }
            else if (ScenarioName is not null)
            {
                var found = Library.Find(ScenarioName) ?? throw new ScenarioException($"there is no scenario called '{ScenarioName}'");
                Session.Load(found.Scenario);
                description = found.Description;
                if (atTick is { } tick)
                {
                    // A lesson or a slide can open a scenario at its interesting moment.
                    Session.SeekTick(tick);
                }
            }
        }
        catch (ScenarioException e)
        {
            loadError = $"Could not open that run: {e.Message}";
        }

        pickerInitial = PickerValue;
        settings = LabSettings.From(Session.Loaded);
        Refresh();
        Session.Published += OnPublished;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // Only an interactive render gets here. The page says it is interactive (what browser tests,
        // the load script and a reconnect wait for) only now, in a second render: the first one's
        // components start their scripts after it (the file import's input among them), and a
        // flag carried by that first render let a click or a file arrive before they listened.
        interactive = true;
        StateHasChanged();
        if (PresenterText is not null)
        {
            // An old presenter link: the address now names the one view it opened, so a reload
            // after leaving that view does not bring it back.
            await JS.InvokeVoidAsync("commitLab.setQuery", ProjectorView.OldQueryName, null);
            await JS.InvokeVoidAsync("commitLab.setQuery", ProjectorView.QueryName, projector ? ProjectorView.QueryValue : null);
        }
    }

    private void OnPublished(PlaybackUpdate update) => _ = InvokeAsync(() => Guard(() =>
    {
        if (update.Failure is { } failure)
        {
            boundary?.Report(failure);
        }

        Refresh();
        StateHasChanged();
        return Task.CompletedTask;
    }));

    /// <summary>
    /// Runs one of the page's own handlers (they run outside the Lab's error boundary): an unexpected
    /// failure, such as an engine error, is shown in the Lab and logged once, and the page goes on.
    /// Expected refusals are caught inside each handler and shown where the user acted.
    /// </summary>
    private async Task Guard(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (LabErrorBoundary.Catches(e))
        {
            if (boundary is null)
            {
                throw;
            }

            boundary.Report(e);
        }
    }

    /// <summary>Recomputes the derived views (the builder redoes the trace-based ones only when the trace changed).</summary>
    private void Refresh()
    {
        // The newest frame, never the one that triggered the render: a render that comes late shows
        // the run as it is, and every part of the page shows that same moment.
        frame = Session.Frame;
    }

    private void Select(LabSelection next)
    {
        selection = next;
        faultError = null;
        menuOpen = false;
        hold.Begin(Session);
    }

    /// <summary>The context menu selects what it opens on, so it holds the run still exactly as a click does.</summary>
    private void OpenMenu(LabSelection target)
    {
        Select(target);
        menuOpen = true;
    }

    private void CancelSelection()
    {
        selection = null;
        menuOpen = false;
        hold.End(Session);
    }

    private Task Inject(FaultAction action) => Guard(async () =>
    {
        try
        {
            Session.Inject(action);
            faultError = null;
            menuOpen = false;
            hold.End(Session);
            await UpdateUrl();
        }
        catch (ArgumentException e)
        {
            // Every hand fault is checked by the run first (unknown node, message gone, too many
            // faults): the refusal is shown in the fault console and nothing changes.
            faultError = e.Message;
        }
    });

    /// <summary>
    /// The faults of the run on screen that wait for a moment its nodes never reach ("L logs prepared"
    /// in 2PC), from a builder link, a shared run or an imported file: said above the drawing, in the
    /// comparison page's words, rather than left to look armed. Worked out again only when the recording changed.
    /// </summary>
    private IReadOnlyList<string> NeverFiring
    {
        get
        {
            var recording = Session.Recording;
            if (!ReferenceEquals(recording, checkedRecording))
            {
                checkedRecording = recording;
                neverFiring = [.. CommitLab.Web.Lab.Compare.TriggerReach.NeverFiring(recording)];
            }

            return neverFiring;
        }
    }

    private CommitLab.Engine.Scenarios.Scenario? checkedRecording;
    private IReadOnlyList<string> neverFiring = [];

    /// <summary>The hand faults of the recording on screen, listed again only when the recording changed.</summary>
    private IReadOnlyList<HandFaultItem> HandFaults
    {
        get
        {
            var recording = Session.Recording;
            if (!ReferenceEquals(recording, listedRecording))
            {
                listedRecording = recording;
                handFaults = HandFaultItem.From(Session.HandFaultList);
            }

            return handFaults;
        }
    }

    private CommitLab.Engine.Scenarios.Scenario? comparedRecording;
    private string? compareHref;

    /// <summary>
    /// The comparison of the run on screen, packed again only when the recording changed (packing a long
    /// run takes milliseconds); null for a run too long for a link, which the comparison could not open.
    /// </summary>
    private string? CompareHref
    {
        get
        {
            var recording = Session.Recording;
            if (!ReferenceEquals(recording, comparedRecording))
            {
                comparedRecording = recording;
                compareHref = ShareLink.Pack(recording) is { } packed ? CommitLab.Web.Lab.Compare.CompareLink.For(packed) : null;
            }

            return compareHref;
        }
    }

    private Task RemoveHandFault(int index) => Guard(async () =>
    {
        try
        {
            Session.RemoveHandFault(index);
            handFaultError = null;
            selection = null;
            hold.Forget();
            await UpdateUrl();
        }
        catch (ArgumentException e)
        {
            handFaultError = e.Message;
        }
    });

    private Task ClearHandFaults() => Guard(async () =>
    {
        Session.ClearHandFaults();
        handFaultError = null;
        selection = null;
        hold.Forget();
        await UpdateUrl();
    });

    private Task ApplySettings(LabSettings settings) => Guard(async () =>
    {
        try
        {
            var problems = settings.Problems();
            if (problems.Count > 0)
            {
                settingsError = string.Join(" ", problems);
                return;
            }

            Session.Load(settings.ToScenario(PlaybackSession.OwnRunTitle));
            this.settings = settings;
            settingsError = null;
            description = null; // it described the run before the change
            selection = null;
            hold.Forget();
            await UpdateUrl();
        }
        catch (ScenarioException e)
        {
            settingsError = e.Message;
        }
    });

    private Task OnPickScenario(ChangeEventArgs e) => Guard(async () =>
    {
        if (Library.Find(e.Value?.ToString() ?? "") is { } picked)
        {
            Session.Load(picked.Scenario);
            settings = LabSettings.From(Session.Loaded);
            selection = null;
            hold.Forget();
            loadError = null;
            description = picked.Description;
            notice = null;
            await UpdateUrl();
        }
    });

    private async Task Share()
    {
        if (await UpdateUrl() is not { } link)
        {
            return;
        }

        var copied = await JS.InvokeAsync<bool>("commitLab.copy", Navigation.ToAbsoluteUri(link).ToString());
        notice = copied ? "Link copied: it opens this run at this moment." : "The address bar now holds the link to this run.";
    }

    private Task<string?> UpdateUrl()
    {
        var link = ShareLink.Create(Session.Recording, Session.Cursor);
        return ShowLink(link is null ? null : link + ProjectorView.Suffix(projector));
    }

    /// <summary>Switches the projector view and keeps it in the address, so a reload opens it again.</summary>
    private async Task ToggleProjector()
    {
        projector = !projector;
        await JS.InvokeVoidAsync("commitLab.setQuery", ProjectorView.QueryName, projector ? ProjectorView.QueryValue : null);
    }

    /// <summary>
    /// Puts the run's link in the address bar. A run too long for a link that opens gets none: the bar
    /// goes back to plain /lab, so neither a reload nor a copied address brings back a different,
    /// older run, and the page says how to share it instead.
    /// </summary>
    private async Task<string?> ShowLink(string? link)
    {
        if (link is null)
        {
            notice = ShareLink.TooLongHint;
        }

        await JS.InvokeVoidAsync("commitLab.replaceUrl", link ?? "/lab");
        return link;
    }

    private async Task ExportTrace()
    {
        var json = Session.Read(TraceExport.Write);
        await JS.InvokeVoidAsync("commitLab.download", "commitlab-trace.json", "application/json", json);
    }

    private async Task ExportDiagram()
    {
        var svg = Session.Read(sim => SpaceTimeSvg.Render(SpaceTimeDiagram.Build(sim.Trace, sim.Trace.Count, sim.Tick, new SpaceTimeOptions())));
        await JS.InvokeVoidAsync("commitLab.download", "commitlab-space-time.svg", "image/svg+xml", svg);
    }

    private Task Import(InputFileChangeEventArgs e) => Guard(async () =>
    {
        try
        {
            await using var stream = e.File.OpenReadStream(TraceExport.MaxImportBytes);
            using var reader = new StreamReader(stream);
            var content = await reader.ReadToEndAsync();
            var (recording, cursor) = TraceExport.Import(e.File.Name, content);
            Session.Load(recording);
            settings = LabSettings.From(Session.Loaded);
            if (cursor is { } at)
            {
                Session.Seek(at);
            }

            loadError = null;
            notice = $"Imported {e.File.Name}.";
            description = null;
            await UpdateUrl();
        }
        catch (Exception ex) when (ex is ScenarioException or IOException)
        {
            Log.LogInformation("Import of {File} refused: {Reason}", LogText.Safe(e.File.Name), LogText.Safe(ex.Message, 200));
            loadError = ex is IOException ? $"{e.File.Name} could not be read (larger than {TraceExport.MaxImportBytes / (1024 * 1024)} MB?)" : ex.Message;
        }
    });

    private Task OnKeyDown(KeyboardEventArgs e) => Guard(async () =>
    {
        if (e.CtrlKey || e.AltKey || e.MetaKey || await JS.InvokeAsync<bool>("commitLab.ownsKey", e.Key))
        {
            return;
        }

        if (PlaybackKeys.Handle(Session, e.Key))
        {
            return;
        }

        switch (e.Key)
        {
            case "Escape":
                CancelSelection();
                return;
            case ProjectorView.Key or "P":
                await ToggleProjector();
                return;
        }

        var choice = FaultMenu.For(selection, frame.Snapshot).FirstOrDefault(c => string.Equals(c.Key, e.Key, StringComparison.OrdinalIgnoreCase));
        if (choice is not null)
        {
            await Inject(choice.Action);
        }
    });

}
