namespace CommitLab.Web.Classroom;

/// <summary>The answer to a join attempt: the room and the student's record, or why not (and, when throttled, how long to wait).</summary>
public sealed record JoinResult(Room? Room, StudentRecord? Student, string? Error, TimeSpan? RetryAfter = null)
{
    public bool Joined => Room is not null && Student is not null;

    public static JoinResult Refused(string error, TimeSpan? retryAfter = null) => new(null, null, error, retryAfter);
}
