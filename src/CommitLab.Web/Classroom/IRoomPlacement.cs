namespace CommitLab.Web.Classroom;

/// <summary>
/// Where a room runs. With rooms as grains the runtime decides: asking the room's grain to
/// activate brings the room into memory on the instance the grain lives on, and only there.
/// </summary>
public interface IRoomPlacement
{
    /// <summary>
    /// Activates the room's grain (its first activation prefers this instance). Returns null when
    /// the room is now live on this instance, or why it is not (busy, unreadable, or running on
    /// another instance).
    /// </summary>
    string? Place(string roomId, string? holder);
}
