using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Compare;
using CommitLab.Web.Lab.Sharing;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace CommitLab.Web.Components.Pages;

/// <summary>
/// The comparison page: one run shown twice, side by side, on one clock (<see cref="ComparePlayback"/>).
/// This class only turns the playback's frame into parameters and user actions into calls.
/// </summary>
public sealed partial class ComparePage : IDisposable
{
    private readonly SelectionHold hold = new();
    private readonly List<string> linkNotes = [];
    private CompareFrame frame = default!;
    private LabSelection? selection;
    private CompareSideKey selectedSide = CompareSideKey.Left;
    private bool menuOpen;
    private bool interactive;
    private string? faultError;
    private string? loadError;

    /// <summary>The faults added here are too many for the address: a reload would open the comparison without them.</summary>
    private bool tooLong;

    [Inject]
    private ScenarioLibrary Library { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    /// <summary>The run to compare, as the Lab's share link carries it.</summary>
    [SupplyParameterFromQuery(Name = "run")]
    public string? Run { get; set; }

    [SupplyParameterFromQuery(Name = "scenario")]
    public string? ScenarioName { get; set; }

    [SupplyParameterFromQuery(Name = "mode")]
    public string? ModeText { get; set; }

    [SupplyParameterFromQuery(Name = "t")]
    public string? AtTickText { get; set; }

    /// <summary>The left side's recording when faults were added on this page (see <see cref="CompareLink"/>).</summary>
    [SupplyParameterFromQuery(Name = CompareLink.LeftPart)]
    public string? LeftRecording { get; set; }

    [SupplyParameterFromQuery(Name = CompareLink.RightPart)]
    public string? RightRecording { get; set; }

    public ComparePlayback Playback { get; } = new();

    private LabFrame SelectedFrame => selectedSide == CompareSideKey.Left ? frame.Left : frame.Right;

    /// <summary>The Lab with the run both sides came from (hand faults added here are not in it).</summary>
    private string BackLink => ShareLink.Create(Playback.Run, default) is { } link ? link : "/lab";

    public void Dispose()
    {
        Playback.Published -= OnPublished;
        Playback.Dispose();
    }

    protected override void OnInitialized()
    {
        var mode = CompareModes.Read(ModeText, linkNotes);
        var atTick = QueryValue.WholeNumber(AtTickText, "t", Scenario.MaxTicksLimit, linkNotes);
        try
        {
            var run = Run is not null ? ShareLink.ReadScenario(Run, "run")
                : ScenarioName is not null ? (Library.Find(ScenarioName) ?? throw new ScenarioException($"there is no scenario called '{ScenarioName}'")).Scenario
                : Playback.Run;
            Playback.Load(run, mode);
            RestoreHandFaults(CompareSideKey.Left, LeftRecording, CompareLink.LeftPart);
            RestoreHandFaults(CompareSideKey.Right, RightRecording, CompareLink.RightPart);
            if (atTick is { } tick)
            {
                Playback.SeekTick(tick);
            }
        }
        catch (ScenarioException e)
        {
            loadError = $"Could not compare that run: {e.Message}";
        }

        frame = Playback.Frame;
        Playback.Published += OnPublished;
    }

    /// <summary>
    /// Gives a side back the faults its part of the link carries. A part that does not read (cut
    /// short, edited, from another run) loses only its own faults: the page says so and opens the
    /// rest of the link as it is.
    /// </summary>
    private void RestoreHandFaults(CompareSideKey side, string? encoded, string part)
    {
        if (encoded is null)
        {
            return;
        }

        try
        {
            Playback.RestoreHandFaults(side, ShareLink.ReadScenario(encoded, part));
        }
        catch (ScenarioException e)
        {
            // The messages alone: "scenario:1:1:" places nothing in a link.
            var why = string.Join("; ", e.Errors.Select(error => error.Message));
            linkNotes.Add($"The link's {part}= faults could not be read: {why}. The {Playback.SideOf(side).Name} side opens without them.");
        }
    }

    private Scenario? packedRun;
    private string? packedRunLink;

    /// <summary>
    /// Puts the comparison with its hand faults and the moment in the address bar, so a reload or a
    /// shared link opens the same two runs. A run too long for a link keeps the address that opened it;
    /// faults too many for one are left out of it, and the page says so.
    /// </summary>
    private async Task UpdateUrl()
    {
        if (!ReferenceEquals(Playback.Run, packedRun))
        {
            packedRun = Playback.Run;
            packedRunLink = ShareLink.Pack(packedRun);
        }

        if (packedRunLink is null)
        {
            tooLong = Playback.HandFaults > 0;
            await JS.InvokeVoidAsync("commitLab.setQuery", "mode", CompareModes.QueryValue(Playback.Mode));
            return;
        }

        // "" for a side whose recording is too long for any link.
        string? Side(PlaybackSession session) => session.HandFaults == 0 ? null : ShareLink.Pack(session.Recording) ?? "";
        var (left, right) = (Side(Playback.Left), Side(Playback.Right));
        var link = CompareLink.For(packedRunLink, Playback.Mode, left, right, Playback.Tick);
        tooLong = left == "" || right == "" || link.Length > ShareLink.MaxLinkLength;
        await JS.InvokeVoidAsync("commitLab.replaceUrl", tooLong ? CompareLink.For(packedRunLink, Playback.Mode) : link);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            interactive = true;
            StateHasChanged();
        }
    }

    private void OnPublished(CompareFrame next) => _ = InvokeAsync(() =>
    {
        // The newest frame, never an older one that arrived late: both sides always show one moment.
        frame = Playback.Frame;
        StateHasChanged();
    });

    /// <summary>A node or link is the same on both sides, so it is shown selected on both; a message only where it flies.</summary>
    private LabSelection? SelectionOn(CompareSideKey side) =>
        selection is LabSelection.Message && side != selectedSide ? null : selection;

    private void Select(LabSelection next, CompareSideKey side)
    {
        selection = next;
        selectedSide = side;
        faultError = null;
        menuOpen = false;
        hold.Begin(Playback);
        frame = Playback.Frame;
    }

    private void OpenMenu(LabSelection target, CompareSideKey side)
    {
        Select(target, side);
        menuOpen = true;
    }

    private void CancelSelection()
    {
        selection = null;
        menuOpen = false;
        hold.End(Playback);
    }

    private async Task Inject(FaultAction action)
    {
        try
        {
            Playback.Inject(action, selectedSide);
            faultError = null;
            menuOpen = false;
            hold.End(Playback);
            await UpdateUrl();
        }
        catch (ArgumentException e)
        {
            faultError = e.Message;
        }

        frame = Playback.Frame;
    }

    private async Task ClearHandFaults()
    {
        Playback.ClearHandFaults();
        selection = null;
        hold.Forget();
        frame = Playback.Frame;
        await UpdateUrl();
    }

    private async Task OnPickMode(ChangeEventArgs e)
    {
        var mode = CompareModes.Read(e.Value?.ToString(), linkNotes);
        try
        {
            Playback.Load(Playback.Run, mode);
            loadError = null;
        }
        catch (ScenarioException ex)
        {
            loadError = $"Could not compare that run: {ex.Message}";
        }

        selection = null;
        hold.Forget();
        frame = Playback.Frame;
        await UpdateUrl();
    }

    private async Task OnKeyDown(KeyboardEventArgs e)
    {
        if (e.CtrlKey || e.AltKey || e.MetaKey || await JS.InvokeAsync<bool>("commitLab.ownsKey", e.Key))
        {
            return;
        }

        if (e.Key == "Escape")
        {
            CancelSelection();
            return;
        }

        if (PlaybackKeys.Handle(Playback, e.Key))
        {
            return;
        }

        var choice = FaultMenu.For(selection, SelectedFrame.Snapshot).FirstOrDefault(c => string.Equals(c.Key, e.Key, StringComparison.OrdinalIgnoreCase));
        if (choice is not null)
        {
            await Inject(choice.Action);
        }
    }
}
