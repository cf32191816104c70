using Orleans.Concurrency;
using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// What a room's grain tells each instance following it. One-way: the run never waits for an
/// instance, and an instance that died is dropped when its subscription lapses.
/// </summary>
public interface IRoomObserver : IGrainObserver
{
    /// <param name="epoch">The grain activation that produced the update; <see cref="RoomUpdate.Seq"/> counts within it.</param>
    [OneWay]
    Task Updated(string epoch, RoomUpdate update);

    /// <summary>A poll was asked, revealed (full view: the follower gives students their view) or closed (null).</summary>
    [OneWay]
    Task PollChanged(PollView? poll);

    /// <summary>The tally moved (instructors only).</summary>
    [OneWay]
    Task PollAnswered(PollView poll);

    [OneWay]
    Task StudentsChanged(int watching);
}
