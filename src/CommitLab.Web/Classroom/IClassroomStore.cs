using System.Collections.Immutable;

namespace CommitLab.Web.Classroom;

/// <summary>
/// Where rooms, students, polls and answers are kept: the SQLite file on one instance
/// (<see cref="ClassroomStore"/>), Redis for a cluster (<see cref="Cluster.RedisClassroomStore"/>).
/// Every write returns once it is durable, so what a caller acknowledges survives the instance.
/// </summary>
public interface IClassroomStore
{
    /// <summary>The store was emptied under the server (its file deleted): rooms in memory should save themselves again.</summary>
    event Action? Recreated;

    void AddRoom(RoomRecord room);

    bool CodeExists(string code);

    /// <summary>Throws <see cref="UnreadableRoomException"/> for a row that cannot be read.</summary>
    RoomRecord? FindRoomById(string id);

    /// <summary>Throws <see cref="UnreadableRoomException"/> for a row that cannot be read.</summary>
    RoomRecord? FindRoomByCode(string code);

    /// <summary>Saves where the run is. False when the room has no record (the caller adds it back).</summary>
    bool SaveRun(string roomId, string? scenarioName, string recordingYaml, long cursorEvents, long cursorTick, double speed, DateTimeOffset? lastUsed = null);

    void AddStudent(StudentRecord student);

    StudentRecord? FindStudent(string roomId, string studentId);

    int CountStudents(string roomId);

    /// <summary>Adds an open poll (closing the room's previous one) and returns its id.</summary>
    long AddPoll(string roomId, string question, ImmutableArray<string> options, int? correct, long atTick);

    void SetPollStatus(long pollId, PollStatus status);

    void SaveAnswer(long pollId, string studentId, int choice);

    /// <summary>The room's poll that is open or revealed (the one on screen), with its answers.</summary>
    PollRecord? CurrentPoll(string roomId);

    /// <summary>Every poll of a room, newest first, with its answers.</summary>
    IReadOnlyList<PollRecord> AllPolls(string roomId, int limit = 100);
}
