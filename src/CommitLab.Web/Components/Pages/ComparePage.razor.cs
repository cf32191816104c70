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

    private void Inject(FaultAction action)
    {
        try
        {
            Playback.Inject(action, selectedSide);
            faultError = null;
            menuOpen = false;
            hold.End(Playback);
        }
        catch (ArgumentException e)
        {
            faultError = e.Message;
        }

        frame = Playback.Frame;
    }

    private void ClearHandFaults()
    {
        Playback.ClearHandFaults();
        selection = null;
        hold.Forget();
        frame = Playback.Frame;
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
        await JS.InvokeVoidAsync("commitLab.setQuery", "mode", CompareModes.QueryValue(mode));
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
            Inject(choice.Action);
        }
    }
}
