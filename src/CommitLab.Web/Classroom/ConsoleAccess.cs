namespace CommitLab.Web.Classroom;

/// <summary>
/// The answer to an instructor link: the console, or why not. A right link is never called "not
/// valid": when the server cannot wake the room just now, or the room expired, it says that.
/// </summary>
public sealed record ConsoleAccess(InstructorConsole? Console, string? Error)
{
    /// <summary>
    /// The token was right and the room runs on another instance of the cluster: a hub connection
    /// can still drive it through its grain (a Blazor console needs the room in process, so it shows <see cref="Error"/>).
    /// </summary>
    public string? ElsewhereRoomId { get; init; }

    public const string NotValid = "That instructor link is not valid.";

    public static ConsoleAccess Refused(string error) => new(null, error);
}
