using System.Collections.Concurrent;
using CommitLab.Web.Classroom.Cluster;
using Microsoft.AspNetCore.SignalR;

namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// Sends each room's changes to the hub clients on this instance. However many connections an
/// instance has in a room, it holds one subscription to the room's grain (a
/// <see cref="RoomFollower"/>), wherever in the cluster the grain is active, and renews it every
/// <see cref="RenewInterval"/>: a renewal after the room's instance died activates the room
/// elsewhere and subscribes there. Blazor pages of a room live here render it in process; those of a
/// room run elsewhere follow it through here too (<see cref="ServerStudentRoomFeed"/>).
/// </summary>
public sealed class ClassroomFanOut : IDisposable
{
    /// <summary>How often subscriptions are renewed; also the longest a room's listeners wait for it after its instance died (once the cluster knows).</summary>
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(2);

    private readonly IGrainFactory grains;
    private readonly IHubContext<ClassroomHub, IClassroomClient> hub;
    private readonly ILogger<ClassroomFanOut> log;
    private readonly ConcurrentDictionary<string, RoomFollower> followers = new(StringComparer.Ordinal);
    private readonly ITimer renewal;
    private int renewing;

    public ClassroomFanOut(IGrainFactory grains, IHubContext<ClassroomHub, IClassroomClient> hub, ILogger<ClassroomFanOut> log, TimeProvider? time = null)
    {
        this.grains = grains;
        this.hub = hub;
        this.log = log;
        renewal = (time ?? TimeProvider.System).CreateTimer(_ => _ = RenewAll(), null, RenewInterval, RenewInterval);
    }

    /// <summary>Rooms this instance follows now.</summary>
    public int Following => followers.Count;

    /// <summary>
    /// A hub connection (or a server-rendered page) here entered the room: follow it (subscribing
    /// once for the instance) until the last one leaves. Returns the room's follower, whose events
    /// in-process listeners may handle.
    /// </summary>
    public async Task<RoomFollower> Follow(string roomId)
    {
        RoomFollower follower;
        bool first;
        lock (followers)
        {
            first = !followers.TryGetValue(roomId, out follower!);
            if (first)
            {
                follower = new RoomFollower(roomId, hub, log);
                follower.Reference = grains.CreateObjectReference<IRoomObserver>(follower);
                followers[roomId] = follower;
            }

            follower.AddListener();
        }

        if (first)
        {
            await Renew(follower);
        }

        return follower;
    }

    /// <summary>
    /// A student on this instance follows a room that runs on another one (call after
    /// <see cref="Follow"/>): the room's list of students and head count include them from the
    /// renewal this makes now, until the returned handle is disposed (before <see cref="Unfollow"/>).
    /// </summary>
    public async Task<IDisposable> Attend(string roomId, StudentRecord student)
    {
        ArgumentNullException.ThrowIfNull(student);
        if (!followers.TryGetValue(roomId, out var follower))
        {
            throw new InvalidOperationException($"room {roomId} is not followed here: Follow it first");
        }

        follower.AddStudent(student);
        await Renew(follower);
        return new Attendance(() =>
        {
            follower.RemoveStudent(student.Id);
            // A follower already let go of has unsubscribed, which took its students off the count.
            if (followers.TryGetValue(roomId, out var current) && ReferenceEquals(current, follower))
            {
                _ = Renew(follower);
            }
        });
    }

    /// <summary>A hub connection here left the room; the last one to leave ends this instance's subscription.</summary>
    public void Unfollow(string roomId)
    {
        lock (followers)
        {
            if (!followers.TryGetValue(roomId, out var follower) || follower.RemoveListener() > 0)
            {
                return;
            }

            followers.TryRemove(roomId, out _);
            if (follower.Reference is { } reference)
            {
                _ = Quietly(grains.GetGrain<IRoomGrain>(roomId).Unsubscribe(reference));
                grains.DeleteObjectReference<IRoomObserver>(reference);
            }
        }
    }

    public void Dispose() => renewal.Dispose();

    private async Task RenewAll()
    {
        // One renewal round at a time: a slow cluster (an instance just died) must not pile rounds up.
        if (Interlocked.Exchange(ref renewing, 1) == 1)
        {
            return;
        }

        try
        {
            await Task.WhenAll(followers.Values.Select(Renew));
        }
        finally
        {
            Volatile.Write(ref renewing, 0);
        }
    }

    private async Task Renew(RoomFollower follower)
    {
        if (follower.Reference is not { } reference)
        {
            return;
        }

        try
        {
            if (await grains.GetGrain<IRoomGrain>(follower.RoomId).Subscribe(reference, follower.Students) is { } subscription)
            {
                follower.Subscribed(subscription);
            }
            else
            {
                log.LogDebug("Room {Room} cannot be opened; its listeners here get no more updates", follower.RoomId);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The room's instance is going or gone; the next round subscribes wherever it comes back.
            log.LogDebug(e, "Renewing the subscription to room {Room} failed; retrying in {Interval}", follower.RoomId, RenewInterval);
        }
    }

    private async Task Quietly(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.LogDebug(e, "Unsubscribing failed (the subscription lapses by itself)");
        }
    }

    private sealed class Attendance(Action leave) : IDisposable
    {
        private Action? pending = leave;

        public void Dispose() => Interlocked.Exchange(ref pending, null)?.Invoke();
    }
}
