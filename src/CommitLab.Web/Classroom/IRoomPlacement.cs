namespace CommitLab.Web.Classroom;

/// <summary>
/// Where a room runs. With rooms as grains the runtime decides: asking the room's grain to
/// activate brings the room into memory on the instance the grain lives on, and only there.
/// </summary>
public interface IRoomPlacement
{
    /// <summary>Said when the room's grain is active on another instance of the cluster.</summary>
    const string Elsewhere = "This room is running on another instance of the server right now; try again in a moment.";

    /// <summary>Said when the room's grain does not answer (its instance just died and the cluster has not noticed yet).</summary>
    const string NotAnswering = "This room's server is not answering; it comes back on another one within seconds. Try again in a moment.";

    /// <summary>
    /// Activates the room's grain (its first activation prefers this instance). Returns null when
    /// the room is now live on this instance, or why it is not (busy, unreadable, or running on
    /// another instance).
    /// </summary>
    string? Place(string roomId, string? holder);
}
