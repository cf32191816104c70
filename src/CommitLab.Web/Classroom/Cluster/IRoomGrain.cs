using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// A classroom room as an Orleans grain, keyed by the room's id. The runtime keeps it active on
/// exactly one instance of the cluster; that instance holds the room's run (its one
/// <see cref="Lab.PlaybackSession"/>) and writes its durable record. When the instance dies the
/// next call activates the grain elsewhere, which replays the stored recording to the same moment.
/// </summary>
public interface IRoomGrain : IGrainWithStringKey
{
    /// <summary>Brings the room into memory where the grain is active; says where, or why it cannot.</summary>
    Task<RoomPlacementReply> Host(string? holder);

    /// <summary>
    /// An instructor action. Answered only after the room's record holding it is written (the
    /// store commits before the reply), so an acknowledged action survives the instance dying.
    /// </summary>
    Task<RoomCommandReply> Command(RoomCommand command);

    /// <summary>The run as it is now.</summary>
    Task<RoomUpdate?> State();

    /// <summary>Title, run and poll for a connection entering from another instance; null when the room cannot be opened.</summary>
    Task<RoomDescription?> Describe();

    /// <summary>The console's poll actions, for a console on another instance (its token was checked there).</summary>
    Task<PollReply> StartPoll(string? question, string[]? options, int? correct);

    Task<PollReply> RevealPoll();

    Task<PollReply> ClosePoll();

    /// <summary>A student's answer from another instance: null when taken, or why not.</summary>
    Task<string?> Answer(string studentId, long pollId, int choice);

    /// <summary>
    /// One instance's subscription to the room's updates (one per instance, however many pages and
    /// connections it has in the room). Renewed regularly: a subscription not renewed for
    /// <see cref="RoomGrain.SubscriptionLifetime"/> lapses, and a renewal after the grain moved
    /// re-subscribes on its new instance. Returns the activation's epoch (updates restart their
    /// numbering in a new activation) and the run as it stood once the subscriber was added, or
    /// null when the room cannot be opened. <paramref name="students"/> are the students following
    /// the room through this subscription (with their connections and pages on that instance, which
    /// the room's own instance does not see): the instructors' list and head count include them.
    /// </summary>
    Task<RoomSubscription?> Subscribe(IRoomObserver observer, AttendingStudent[] students);

    Task Unsubscribe(IRoomObserver observer);
}
