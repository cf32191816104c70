using CommitLab.Web.Classroom.Hub;
using Microsoft.AspNetCore.SignalR;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// This instance's one subscription to one room's grain: whatever the grain publishes is sent to
/// the room's hub groups here (run updates and student-safe poll views to everyone, full tallies
/// and head counts to the instructors). Run updates pass through an <see cref="UpdateSequencer"/>,
/// so clients see each room's updates once and in order; when the room comes back in a new grain
/// activation (its instance died), the clients here are sent its state as a reset.
/// </summary>
public sealed class RoomFollower : IRoomObserver
{
    private readonly IHubContext<ClassroomHub, IClassroomClient> hub;
    private readonly ILogger log;
    private readonly string students;
    private readonly string instructors;
    private readonly string replicas;
    private readonly string[] everyone;
    private readonly string[] watching;
    private readonly UpdateSequencer sequencer;
    private readonly Dictionary<string, AttendingStudent> studentsHere = new(StringComparer.Ordinal);
    private int listeners;

    public RoomFollower(string roomId, IHubContext<ClassroomHub, IClassroomClient> hub, ILogger log)
    {
        RoomId = roomId;
        this.hub = hub;
        this.log = log;
        students = ClassroomHub.StudentGroup(roomId);
        instructors = ClassroomHub.InstructorGroup(roomId);
        replicas = ClassroomHub.ReplicaGroup(roomId);
        everyone = [students, instructors];
        watching = [students, replicas];
        // Called under the sequencer's lock, in order; SignalR queues per connection, so clients get that order.
        sequencer = new UpdateSequencer(SendUpdate);
    }

    public string RoomId { get; }

    /// <summary>The grain's handle on this object (set once by the fan-out that created it).</summary>
    public IRoomObserver? Reference { get; set; }

    /// <summary>Hub connections on this instance in the room; the subscription ends when none is left.</summary>
    public int Listeners => Volatile.Read(ref listeners);

    /// <summary>
    /// The room's updates as replicas get them (the recording when it changed, no trace lines), for
    /// in-process listeners on this instance: a server-rendered student page of a room run elsewhere.
    /// Raised in order, on the thread that released the update.
    /// </summary>
    public event Action<RoomUpdate>? ReplicaUpdated;

    /// <summary>The poll as students see it (null when closed), for the same in-process listeners.</summary>
    public event Action<PollView?>? StudentPollChanged;

    /// <summary>Students on this instance following the room through this subscription (the room's own instance does not see them); reported to the grain with each renewal.</summary>
    public AttendingStudent[] Students
    {
        get
        {
            lock (studentsHere)
            {
                return [.. studentsHere.Values];
            }
        }
    }

    internal int AddListener() => Interlocked.Increment(ref listeners);

    /// <summary>One more page or connection of this student here.</summary>
    internal void AddStudent(StudentRecord student)
    {
        lock (studentsHere)
        {
            studentsHere[student.Id] = studentsHere.TryGetValue(student.Id, out var known)
                ? known with { Connections = known.Connections + 1 }
                : new AttendingStudent(student.Id, student.Name, 1);
        }
    }

    /// <summary>One page or connection of this student here closed; the last one takes them off the list.</summary>
    internal void RemoveStudent(string studentId)
    {
        lock (studentsHere)
        {
            if (studentsHere.TryGetValue(studentId, out var known))
            {
                if (known.Connections > 1)
                {
                    studentsHere[studentId] = known with { Connections = known.Connections - 1 };
                }
                else
                {
                    studentsHere.Remove(studentId);
                }
            }
        }
    }

    internal int RemoveListener() => Interlocked.Decrement(ref listeners);

    public Task Updated(string epoch, RoomUpdate update)
    {
        sequencer.Arrived(epoch, update);
        return Task.CompletedTask;
    }

    /// <summary>A subscription (or its renewal) was answered; a room back in a new activation sends its state to everyone here.</summary>
    internal void Subscribed(RoomSubscription subscription)
    {
        var moved = sequencer.Epoch is not null;
        if (sequencer.Subscribed(subscription.Epoch, subscription.Current) && moved)
        {
            SendUpdate(subscription.Current with { Reset = true });
        }

        sequencer.Flush();
    }

    public Task PollChanged(PollView? poll)
    {
        var forStudents = poll?.ForStudents();
        Send(hub.Clients.Groups(watching).PollChanged(forStudents));
        StudentPollChanged?.Invoke(forStudents);
        Send(hub.Clients.Group(instructors).PollChanged(poll));
        return Task.CompletedTask;
    }

    public Task PollAnswered(PollView poll)
    {
        Send(hub.Clients.Group(instructors).PollChanged(poll));
        return Task.CompletedTask;
    }

    public Task StudentsChanged(int watching)
    {
        Send(hub.Clients.Group(instructors).StudentsChanged(watching));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Replicas replay the run themselves: they get no trace lines, and the recording when it changed;
    /// the other clients read the lines and never need the recording.
    /// </summary>
    private void SendUpdate(RoomUpdate update)
    {
        Send(hub.Clients.Groups(everyone).RoomUpdated(update with { Recording = null, ForkRun = null }));
        var forReplicas = update with { Lines = [] };
        Send(hub.Clients.Group(replicas).RoomUpdated(forReplicas));
        ReplicaUpdated?.Invoke(forReplicas);
    }

    /// <summary>Sends without waiting: a slow client must not hold up the room's other listeners.</summary>
    private void Send(Task sending)
    {
        if (!sending.IsCompletedSuccessfully)
        {
            sending.ContinueWith(t => log.LogWarning(t.Exception, "Classroom fan-out failed"), CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }
}
