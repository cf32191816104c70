using Microsoft.AspNetCore.SignalR;

namespace CommitLab.Web.Classroom.Hub;

/// <summary>
/// Sends each room's changes to the hub clients in it: run updates and student-safe poll views to
/// the room's group, full tallies and head counts to its instructors. Blazor pages do not need
/// this (they subscribe to the room directly); it exists once per server, created at start-up.
/// </summary>
public sealed class ClassroomFanOut
{
    private readonly IHubContext<ClassroomHub, IClassroomClient> hub;
    private readonly ILogger<ClassroomFanOut> log;
    private readonly RoomRecordings recordings;

    public ClassroomFanOut(ClassroomService rooms, IHubContext<ClassroomHub, IClassroomClient> hub, RoomRecordings recordings, ILogger<ClassroomFanOut> log)
    {
        this.hub = hub;
        this.log = log;
        this.recordings = recordings;
        rooms.RoomOpened += Follow;
    }

    private void Follow(Room room)
    {
        var students = ClassroomHub.StudentGroup(room.Id);
        var instructors = ClassroomHub.InstructorGroup(room.Id);
        var replicas = ClassroomHub.ReplicaGroup(room.Id);
        string[] everyone = [students, instructors];
        string[] watching = [students, replicas];
        var replicaUpdates = new ReplicaUpdates(room, recordings);
        room.Updated += broadcast =>
        {
            var update = RoomUpdate.From(broadcast);
            Send(hub.Clients.Groups(everyone).RoomUpdated(update));

            // Replicas (student pages in the browser) replay the run themselves: no trace lines, and
            // the recording only when it changed. Raised under the run's lock, so this is in order.
            Send(hub.Clients.Group(replicas).RoomUpdated(replicaUpdates.For(update)));
        };
        room.PollChanged += poll =>
        {
            Send(hub.Clients.Groups(watching).PollChanged(poll?.ForStudents()));
            Send(hub.Clients.Group(instructors).PollChanged(poll));
        };
        room.PollAnswered += poll => Send(hub.Clients.Group(instructors).PollChanged(poll));
        room.MembersChanged += () => Send(hub.Clients.Group(instructors).StudentsChanged(room.Connections));
    }

    /// <summary>
    /// Sends without waiting: the caller is the room's run (often its play timer), which must not
    /// stall on a slow client. SignalR queues per connection, so order is kept.
    /// </summary>
    private void Send(Task sending)
    {
        if (!sending.IsCompletedSuccessfully)
        {
            sending.ContinueWith(t => log.LogWarning(t.Exception, "Classroom fan-out failed"), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
