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

    public ClassroomFanOut(ClassroomService rooms, IHubContext<ClassroomHub, IClassroomClient> hub, ILogger<ClassroomFanOut> log)
    {
        this.hub = hub;
        this.log = log;
        rooms.RoomOpened += Follow;
    }

    private void Follow(Room room)
    {
        var students = ClassroomHub.StudentGroup(room.Id);
        var instructors = ClassroomHub.InstructorGroup(room.Id);
        string[] everyone = [students, instructors];
        room.Updated += broadcast => Send(hub.Clients.Groups(everyone).RoomUpdated(RoomUpdate.From(broadcast)));
        room.PollChanged += poll =>
        {
            Send(hub.Clients.Group(students).PollChanged(poll?.ForStudents()));
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
