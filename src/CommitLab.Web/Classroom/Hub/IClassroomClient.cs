namespace CommitLab.Web.Classroom.Hub;

/// <summary>What the classroom hub sends to its clients (the methods a client registers with <c>connection.on</c>).</summary>
public interface IClassroomClient
{
    /// <summary>The room's run changed: a new frame's facts and the trace lines added since the last update.</summary>
    Task RoomUpdated(RoomUpdate update);

    /// <summary>A poll was asked, answered (instructors only), revealed or closed (null).</summary>
    Task PollChanged(PollView? poll);

    /// <summary>Instructors only: how many students are watching now.</summary>
    Task StudentsChanged(int watching);
}
