namespace CommitLab.Web.Classroom;

/// <summary>A stored room's row cannot be turned into a room (a bad date, a wrong type); other rooms are unaffected.</summary>
public sealed class UnreadableRoomException(string roomId, string code, string problem)
    : Exception($"room {code} ({roomId}) cannot be read: {problem}")
{
    public string RoomId { get; } = roomId;

    public string Code { get; } = code;

    public string Problem { get; } = problem;
}
