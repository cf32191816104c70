namespace CommitLab.Web.Classroom;

/// <summary>
/// The answer to an instructor link: the console, or why not. A right link is never called "not
/// valid": when the server cannot wake the room just now, or the room expired, it says that.
/// </summary>
public sealed record ConsoleAccess(InstructorConsole? Console, string? Error)
{
    public const string NotValid = "That instructor link is not valid.";

    public static ConsoleAccess Refused(string error) => new(null, error);
}
