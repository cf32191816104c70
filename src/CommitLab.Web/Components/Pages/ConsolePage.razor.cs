using CommitLab.Engine.Faults;
using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Lab;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace CommitLab.Web.Components.Pages;

/// <summary>
/// The instructor's console. It holds an <see cref="InstructorConsole"/> only after the server
/// checked the room's key, and every control goes through it; without one the page renders no
/// control at all. The key comes from the link, or (after the page hid it from the address bar)
/// from this tab's session storage.
/// </summary>
public sealed partial class ConsolePage : IDisposable
{
    private InstructorConsole? console;
    private IDisposable? hold;
    private LabFrame frame = default!;
    private LabSelection? selection;
    private readonly SelectionHold choosing = new();
    private CommitLab.Web.Components.Lab.LabErrorBoundary? boundary;
    private PollView? poll;
    private IReadOnlyList<StudentPresence> students = [];
    private IReadOnlyList<PollPreset> presets = [];
    private string presetsFor = "";
    private string? faultError;
    private string? pollError;
    private string? notice;
    private string? refusal;

    /// <summary>The console link on the instance that runs the room, when it runs on another one whose address is known.</summary>
    private string? elsewhereLink;
    private string? key;
    private bool checkedKey;
    private bool interactive;

    /// <summary>The projector view (<see cref="ProjectorView"/>): only the run, large.</summary>
    private bool projector;

    [Inject]
    private ClassroomService Rooms { get; set; } = default!;

    [Inject]
    private ScenarioLibrary Library { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IGrainFactory Grains { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter]
    public string RoomId { get; set; } = "";

    [SupplyParameterFromQuery(Name = "key")]
    public string? Key { get; set; }

    [SupplyParameterFromQuery(Name = ProjectorView.QueryName)]
    public string? ViewText { get; set; }

    /// <summary>Students watching on every instance of a cluster (the list holds those the other instances reported too), each once however many pages they have open.</summary>
    private int Watching => students.Count;

    private string JoinUrl => Navigation.ToAbsoluteUri(RoomLinks.Join(console!.Room.Code)).ToString();

    /// <summary>Recomputed only when the run's recording changes ("how will it end" depends on it).</summary>
    private IReadOnlyList<PollPreset> Presets
    {
        get
        {
            var room = console!.Room;
            var recording = room.Recording;
            var id = $"{room.ScenarioName}|{recording.Title}|{recording.Faults.Length}|{recording.Seed}";
            if (id != presetsFor)
            {
                presets = PollPresets.For(room.ScenarioName, recording, room.ScenarioName is { } name ? Library.Find(name)?.Scenario : null);
                presetsFor = id;
            }

            return presets;
        }
    }

    protected override void OnInitialized()
    {
        // A view= value that does not read opens the usual console; the console has no place for link notes.
        projector = ProjectorView.Read(ViewText, new List<string>());
        if (Key is not null)
        {
            Open(Key);
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        if (console is null && Key is null)
        {
            // The address no longer carries the key: this tab kept it when the console first opened.
            var stored = await JS.InvokeAsync<string?>("commitLabClassroom.storedKey", RoomId);
            if (stored is not null)
            {
                Open(stored);
            }
        }

        checkedKey = true;
        if (console is not null && key is not null)
        {
            await JS.InvokeVoidAsync("commitLabClassroom.keepKey", RoomId, key);
        }

        interactive = true;
        StateHasChanged();
    }

    public void Dispose()
    {
        if (console is not null)
        {
            console.Room.Updated -= OnUpdated;
            console.Room.PollChanged -= OnPollChanged;
            console.Room.PollAnswered -= OnPollChanged;
            console.Room.MembersChanged -= OnMembersChanged;
        }

        hold?.Dispose();
    }

    /// <summary>
    /// This page draws a room that runs here; a room run on another instance is driven from that
    /// instance's console page (or through the hub from any instance). Asks the room's grain where
    /// it runs; null when that instance did not say how people reach it.
    /// </summary>
    private string? ElsewhereLink(string roomId, string candidate)
    {
        try
        {
            // Started on the thread pool, as GrainRoomPlacement does: this page's thread waits for it.
            var placement = Task.Run(() => Grains.GetGrain<IRoomGrain>(roomId).Host(null)).GetAwaiter().GetResult();
            return placement.PublicUrl is { Length: > 0 } url
                ? $"{url.TrimEnd('/')}/classroom/{Uri.EscapeDataString(roomId)}/console?key={Uri.EscapeDataString(candidate)}"
                : null;
        }
        catch (Exception e) when (e is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            return null;
        }
    }

    private void Open(string candidate)
    {
        var access = Rooms.OpenConsole(RoomId, candidate, "console page");
        console = access.Console;
        refusal = access.Error;
        checkedKey = true;
        if (access.ElsewhereRoomId is { } elsewhere)
        {
            elsewhereLink = ElsewhereLink(elsewhere, candidate);
        }

        if (console is null)
        {
            return;
        }

        key = candidate;
        var room = console.Room;
        frame = room.Frame;
        poll = room.Poll;
        students = room.Students();
        if (RendererInfo.IsInteractive)
        {
            hold = room.HoldConsole();
            room.Updated += OnUpdated;
            room.PollChanged += OnPollChanged;
            room.PollAnswered += OnPollChanged;
            room.MembersChanged += OnMembersChanged;
        }
    }

    private void OnUpdated(RoomBroadcast broadcast) => _ = InvokeAsync(() =>
    {
        if (broadcast.Failure is { } failure)
        {
            boundary?.Report(failure);
        }

        // The room's newest frame, not necessarily the one that triggered this render.
        frame = console?.Room.Frame ?? broadcast.Frame;
        StateHasChanged();
    });

    private void OnPollChanged(PollView? next) => _ = InvokeAsync(() =>
    {
        poll = next;
        StateHasChanged();
    });

    private void OnMembersChanged() => _ = InvokeAsync(() =>
    {
        students = console?.Room.Students() ?? [];
        StateHasChanged();
    });

    private void Select(LabSelection next)
    {
        selection = next;
        faultError = null;
        choosing.Begin(console!);
    }

    private void CancelSelection()
    {
        selection = null;
        choosing.End(console!);
    }

    private async Task OnKeyDown(KeyboardEventArgs e)
    {
        if (e.Key == "Escape" && console is not null)
        {
            CancelSelection();
        }
        else if (e.Key is ProjectorView.Key or "P" && !e.CtrlKey && !e.AltKey && !e.MetaKey && console is not null
            && !await JS.InvokeAsync<bool>("commitLab.ownsKey", e.Key))
        {
            await ToggleProjector();
        }
    }

    /// <summary>Switches the projector view and keeps it in the address (which no longer holds the key), so a reload opens it again.</summary>
    private async Task ToggleProjector()
    {
        projector = !projector;
        await JS.InvokeVoidAsync("commitLab.setQuery", ProjectorView.QueryName, projector ? ProjectorView.QueryValue : null);
    }

    private void Inject(FaultAction action) => Try(() =>
    {
        console!.Inject(action);
        choosing.End(console);
    });

    private void CrashLeader() => Try(() => console!.CrashLeader());

    private void DropNext() => Try(() => console!.DropNextMessage());

    private void Try(Action act)
    {
        try
        {
            act();
            faultError = null;
        }
        catch (ArgumentException e)
        {
            faultError = e.Message;
        }
        catch (Exception e) when (boundary is not null && CommitLab.Web.Components.Lab.LabErrorBoundary.Catches(e))
        {
            // An engine error, not a refusal: said above the stage and logged once; the room goes on.
            boundary.Report(e);
        }
    }

    private void OnPickScenario(ChangeEventArgs e)
    {
        if (Library.Find(e.Value?.ToString() ?? "") is { } picked)
        {
            Try(() =>
            {
                console!.Load(picked.Scenario, picked.Name);
                selection = null;
                choosing.Forget();
                notice = $"Now showing: {picked.Title}.";
            });
        }
    }

    private void Ask(PollPreset preset)
    {
        try
        {
            poll = console!.StartPoll(preset.Question, preset.Options, preset.Correct);
            pollError = null;
        }
        catch (ArgumentException e)
        {
            pollError = e.Message;
        }
    }

    private void Reveal() => poll = console!.RevealPoll();

    private void PlayOn()
    {
        console!.ClosePoll();
        poll = null;
        console.Play();
    }

    private void ClosePoll()
    {
        console!.ClosePoll();
        poll = null;
    }

    private async Task CopyConsoleLink()
    {
        var link = Navigation.ToAbsoluteUri(RoomLinks.Console(RoomId, key!)).ToString();
        var copied = await JS.InvokeAsync<bool>("commitLab.copy", link);
        notice = copied ? "Console link copied. Anyone with it can drive this room: keep it private." : $"Copy this link (keep it private): {link}";
    }
}
