namespace CommitLab.Web.Classroom;

/// <summary>One open page or hub connection in a room. A student with two tabs open counts once in the list.</summary>
public sealed record RoomMember(string StudentId, string Name, DateTimeOffset Since);

/// <summary>A student as the instructor's list shows them.</summary>
public sealed record StudentPresence(string StudentId, string Name, int Connections, bool AnsweredCurrentPoll);
