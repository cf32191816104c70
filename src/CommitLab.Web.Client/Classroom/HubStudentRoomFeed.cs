using CommitLab.Web.Classroom.Hub;
using CommitLab.Web.Lab;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommitLab.Web.Classroom;

/// <summary>
/// The student page's room in the browser: one hub connection that joins the room as a replica
/// (the student's seat, the room's recording and cursor, no trace lines), a <see cref="RoomReplica"/>
/// that replays the run with the engine and checks each update's trace hash, and the poll. A
/// mismatch is shown and the room's state fetched again with <c>State()</c>. After a dropped
/// connection it reconnects and takes its seat again with <c>Replicate</c>, as a reload would.
/// </summary>
public sealed class HubStudentRoomFeed(NavigationManager navigation) : IStudentRoomFeed
{
    private readonly RoomReplica replica = new();
    private HubConnection? hub;
    private string code = "";
    private string? studentId;
    private string? forkRun;
    private long seq = -1;
    private RoomUpdate? pending;
    private bool resyncing;

    public StudentRoomView? View { get; private set; }

    public string? Error { get; private set; }

    public event Action? Changed;

    public async Task OpenAsync(string code, string? studentId, bool live)
    {
        this.code = code;
        this.studentId = studentId;
        if (!live)
        {
            return;
        }

        hub = new HubConnectionBuilder()
            .WithUrl(navigation.ToAbsoluteUri("hubs/classroom"))
            .AddJsonProtocol(json => json.PayloadSerializerOptions.TypeInfoResolverChain.Insert(0, ClassroomJson.Default))
            .WithAutomaticReconnect()
            .Build();
        hub.On<RoomUpdate>("RoomUpdated", OnUpdated);
        hub.On<PollView?>("PollChanged", OnPollChanged);
        hub.Reconnecting += _ =>
        {
            Show(View is null ? null : View with { Disconnected = true });
            return Task.CompletedTask;
        };

        // The server forgot this connection's seat with the old connection: take it again.
        hub.Reconnected += _ => JoinAsync();
        await hub.StartAsync();
        await JoinAsync();
    }

    public async Task AnswerAsync(int choice)
    {
        if (hub is null || View is not { Poll: { } poll } view)
        {
            return;
        }

        var error = await hub.InvokeAsync<string?>("Answer", poll.Id, choice);
        Show((View ?? view) with { Mine = error is null ? choice : view.Mine, AnswerError = error });
    }

    public async ValueTask DisposeAsync()
    {
        if (hub is not null)
        {
            await hub.DisposeAsync();
        }
    }

    private async Task JoinAsync()
    {
        var reply = await hub!.InvokeAsync<JoinReply>("Replicate", code, studentId);
        if (!reply.Ok || reply.State is not { } state)
        {
            Error = reply.Error;
            Show(null);
            return;
        }

        replica.Forget();
        seq = -1;
        pending = null;
        Apply(state, reply);
    }

    private void OnUpdated(RoomUpdate update)
    {
        // An update older than the state this page started from (it was on its way meanwhile) is already in it.
        if (update.Seq <= seq || View is null)
        {
            return;
        }

        // Updates that arrive while the page is still busy with an earlier one are folded into the
        // newest: only its cursor matters (its hash covers the whole run so far), except a recording,
        // which must not be skipped. A slow phone then replays once per batch, not once per update.
        if (pending is { } waiting)
        {
            pending = update.Recording is null && waiting.Recording is not null
                ? update with { Recording = waiting.Recording, ForkRun = waiting.ForkRun }
                : update;
            return;
        }

        pending = update;
        _ = ApplyPendingAsync();
    }

    private async Task ApplyPendingAsync()
    {
        // Lets the updates already received be handled (and folded) first.
        await Task.Yield();
        if (pending is { } next)
        {
            pending = null;
            if (next.Seq > seq)
            {
                Apply(next, null);
            }
        }
    }

    private void Apply(RoomUpdate update, JoinReply? joined)
    {
        seq = update.Seq;
        if (update.Recording is not null)
        {
            forkRun = update.ForkRun;
        }

        var mismatch = replica.Follow(update);
        if (replica.Frame is not { } frame)
        {
            _ = ResyncAsync(mismatch);
            return;
        }

        var fork = LabLink.At(forkRun, new TimelinePosition(update.Events, update.Tick))?.TrimStart('/');
        var view = joined is not null
            ? new StudentRoomView(joined.Title ?? "", joined.Code ?? code, joined.StudentName ?? "", frame, joined.Poll, joined.Mine, fork)
            : View! with { Frame = frame, ForkLink = fork, Disconnected = false };
        Show(mismatch is null ? view : view with { Mismatch = Describe(mismatch) });
        if (mismatch is not null)
        {
            _ = ResyncAsync(mismatch);
        }
    }

    /// <summary>Fetches the room's state (with its recording) and replays it afresh; once per mismatch, never in a loop.</summary>
    private async Task ResyncAsync(ReplicaMismatch? why)
    {
        if (resyncing || hub is null)
        {
            return;
        }

        resyncing = true;
        try
        {
            var state = await hub.InvokeAsync<RoomUpdate>("State");
            replica.Forget();
            Apply(state, null);

            if (why is not null && View is { } view && view.Mismatch is null)
            {
                Show(view with { Mismatch = Describe(why) });
            }
        }
        finally
        {
            resyncing = false;
        }
    }

    private void OnPollChanged(PollView? poll)
    {
        if (View is { } view)
        {
            // A reveal or close of the same poll keeps the student's answer; a new poll starts without one.
            var mine = poll is not null && poll.Id == view.Poll?.Id ? view.Mine : null;
            Show(view with { Poll = poll, Mine = mine, AnswerError = null });
        }
    }

    private static string Describe(ReplicaMismatch mismatch) =>
        $"This page's copy of the run did not match the room's at event {mismatch.Events}: {mismatch.Detail}. It was fetched again from the room.";

    private void Show(StudentRoomView? view)
    {
        View = view;
        Changed?.Invoke();
    }
}
