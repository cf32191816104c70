namespace CommitLab.Web.Classroom.Hub;

/// <summary>The hub's answer to OpenRoom, Join, Rejoin and OpenConsole: the room and where its run is now, or why not.</summary>
public sealed record JoinReply(
    bool Ok,
    string? Error,
    string? RoomId = null,
    string? Code = null,
    string? StudentId = null,
    string? Title = null,
    RoomUpdate? State = null,
    PollView? Poll = null,
    int? RetryAfterSeconds = null,
    string? Token = null,
    string? StudentName = null,
    int? Mine = null)
{
    public static JoinReply Refused(string error, TimeSpan? retryAfter = null) =>
        new(false, error, RetryAfterSeconds: retryAfter is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : null);
}
