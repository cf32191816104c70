using System.Collections.Concurrent;
using CommitLab.Web.Classroom.Hub;
using CommitLab.Web.Lab;
using Orleans.Placement;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// A room's grain. Its activation brings the room into memory on this instance through
/// <see cref="ClassroomService.HostHere"/> (the room's <see cref="PlaybackSession"/> and its
/// record in the store) and lets go of it when deactivated, so a room is live on one instance at a
/// time. A first activation prefers the instance that asked, so a room opened on an instance runs
/// there and its own pages render its frames in process. The grain forwards the room's updates to
/// one subscriber per instance (<see cref="IRoomObserver"/>); each instance fans them out to its
/// own connections.
/// </summary>
[PreferLocalPlacement]
public sealed class RoomGrain(ClassroomService rooms, ScenarioLibrary library, RoomRecordings recordings, ILocalSiloDetails silo, ClassroomClusterOptions cluster, ILogger<RoomGrain> log) : Grain, IRoomGrain
{
    /// <summary>An instance's subscription lapses when not renewed for this long (the instance died or left the room).</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromSeconds(30);

    /// <summary>How often the grain checks that its room is still in memory here (the service may have put it to sleep to make space).</summary>
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<IRoomObserver, Subscriber> observers = new();
    private readonly string epoch = Guid.NewGuid().ToString("N")[..12];
    private Room? room;
    private ReplicaUpdates? replicaUpdates;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The room's lifetime in memory is the service's to decide (it puts idle rooms to sleep);
        // the grain stays while its room is live and goes soon after.
        this.RegisterGrainTimer(CheckStillLive, new GrainTimerCreationOptions(CheckInterval, CheckInterval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Detach();
        rooms.ReleaseHere(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public Task<RoomPlacementReply> Host(string? holder) =>
        Task.FromResult(new RoomPlacementReply(silo.SiloAddress.ToParsableString(), Ensure(holder), cluster.PublicUrl));

    public Task<RoomCommandReply> Command(RoomCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (Ensure(null) is { } problem)
        {
            return Task.FromResult(new RoomCommandReply(false, problem, null));
        }

        try
        {
            // The console's actions end with the room saving its record (Room.OnPublished), before this returns.
            var done = command.ApplyTo(rooms.ConsoleFor(room!), library);
            return Task.FromResult(new RoomCommandReply(done, null, RoomUpdate.Now(room!)));
        }
        catch (ArgumentException e)
        {
            return Task.FromResult(new RoomCommandReply(false, e.Message, RoomUpdate.Now(room!)));
        }
    }

    /// <summary>The room now with its whole recording, so a replica on any instance can start over from it.</summary>
    public Task<RoomUpdate?> State() => Task.FromResult(Ensure(null) is null ? recordings.Current(room!) : null);

    public Task<RoomDescription?> Describe() =>
        Task.FromResult(Ensure(null) is null ? new RoomDescription(room!.Code, room.Title, RoomUpdate.Now(room), room.Poll) : null);

    public Task<PollReply> StartPoll(string? question, string[]? options, int? correct) =>
        Poll(console => console.StartPoll(question, options, correct));

    public Task<PollReply> RevealPoll() => Poll(console => console.RevealPoll());

    public Task<PollReply> ClosePoll() => Poll(console =>
    {
        console.ClosePoll();
        return null;
    });

    public Task<string?> Answer(string studentId, long pollId, int choice) =>
        Task.FromResult(Ensure(null) is { } problem ? problem : room!.Answer(studentId, pollId, choice));

    public Task<RoomSubscription?> Subscribe(IRoomObserver observer, AttendingStudent[] students)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(students);
        if (Ensure(null) is not null)
        {
            return Task.FromResult<RoomSubscription?>(null);
        }

        var now = DateTimeOffset.UtcNow;
        observers[observer] = new Subscriber(now, students);
        foreach (var (old, subscriber) in observers)
        {
            if (now - subscriber.Renewed > SubscriptionLifetime)
            {
                observers.TryRemove(old, out _);
            }
        }

        ReportStudentsElsewhere();

        // Read after adding the subscriber: every later update reaches it, every earlier one is at most this.
        return Task.FromResult<RoomSubscription?>(new RoomSubscription(epoch, recordings.Current(room!)));
    }

    public Task Unsubscribe(IRoomObserver observer)
    {
        if (observers.TryRemove(observer, out var gone) && gone.Students.Length > 0)
        {
            ReportStudentsElsewhere();
        }

        return Task.CompletedTask;
    }

    /// <summary>Students watching on every instance: those attending here, and those each other instance reported with its subscription.</summary>
    private int Watching() => (room?.Connections ?? 0) + (room?.StudentsElsewhere ?? 0);

    /// <summary>Hands the room the other instances' students; a change reaches instructors as a change of members (<see cref="OnMembersChanged"/>).</summary>
    private void ReportStudentsElsewhere() => room?.SetStudentsElsewhere([.. observers.Values.SelectMany(subscriber => subscriber.Students).OrderBy(s => s.StudentId, StringComparer.Ordinal).ThenBy(s => s.Connections)]);

    private Task<PollReply> Poll(Func<InstructorConsole, PollView?> act)
    {
        if (Ensure(null) is { } problem)
        {
            return Task.FromResult(new PollReply(null, problem));
        }

        try
        {
            return Task.FromResult(new PollReply(act(rooms.ConsoleFor(room!)), null));
        }
        catch (ArgumentException e)
        {
            return Task.FromResult(new PollReply(null, e.Message));
        }
    }

    /// <summary>Null when the room is live here (bringing it in if needed), or why it cannot be.</summary>
    private string? Ensure(string? holder)
    {
        if (room is not null && rooms.IsLive(room))
        {
            return null;
        }

        Detach();
        var (found, problem) = rooms.HostHere(this.GetPrimaryKeyString(), holder);
        if (found is null)
        {
            DeactivateOnIdle();
            return problem;
        }

        Attach(found);
        return null;
    }

    private Task CheckStillLive(CancellationToken cancellationToken)
    {
        if (room is null || !rooms.IsLive(room))
        {
            log.LogDebug("Room {Room} is no longer in memory here; its grain goes", this.GetPrimaryKeyString());
            Detach();
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    private void Attach(Room live)
    {
        room = live;
        replicaUpdates = new ReplicaUpdates(live, recordings);
        live.Updated += OnUpdated;
        live.PollChanged += OnPollChanged;
        live.PollAnswered += OnPollAnswered;
        live.MembersChanged += OnMembersChanged;
    }

    private void Detach()
    {
        if (room is { } old)
        {
            old.Updated -= OnUpdated;
            old.PollChanged -= OnPollChanged;
            old.PollAnswered -= OnPollAnswered;
            old.MembersChanged -= OnMembersChanged;
            room = null;
        }
    }

    // The room raises these on the thread that changed it (often its play timer), inside the
    // session's lock for updates, so they leave in the order the run made them. One-way calls:
    // nothing here waits for an instance.
    private void OnUpdated(RoomBroadcast broadcast)
    {
        // The recording rides along whenever it changed, for the replicas (student pages replaying
        // the run in the browser) that follow the room on every instance.
        var update = replicaUpdates!.For(RoomUpdate.From(broadcast));
        foreach (var observer in observers.Keys)
        {
            _ = observer.Updated(epoch, update);
        }
    }

    private void OnPollChanged(PollView? poll)
    {
        foreach (var observer in observers.Keys)
        {
            _ = observer.PollChanged(poll);
        }
    }

    private void OnPollAnswered(PollView poll)
    {
        foreach (var observer in observers.Keys)
        {
            _ = observer.PollAnswered(poll);
        }
    }

    private void OnMembersChanged()
    {
        var watching = Watching();
        foreach (var observer in observers.Keys)
        {
            _ = observer.StudentsChanged(watching);
        }
    }
}

/// <summary>An instance's subscription: when it was last renewed, and the students who follow the room through it.</summary>
internal readonly record struct Subscriber(DateTimeOffset Renewed, AttendingStudent[] Students);
