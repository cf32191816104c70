namespace CommitLab.Web.Classroom;

/// <summary>
/// Bounds and limits for classroom rooms, bound from the configuration section
/// <c>CommitLab:Classroom</c> (for example the environment variable
/// <c>CommitLab__Classroom__MaxRoomSize</c>). The defaults suit one lecture hall on a small server.
/// </summary>
public sealed class ClassroomOptions
{
    public const string Section = "CommitLab:Classroom";

    /// <summary>Students a room admits. A join past this is refused with a message saying the room is full.</summary>
    public int MaxRoomSize { get; set; } = 500;

    /// <summary>Display names are cut to this many characters (after trimming) and shown as text only.</summary>
    public int MaxNameLength { get; set; } = 40;

    /// <summary>Wrong join codes a client may try within <see cref="JoinWindow"/> before it must wait.</summary>
    public int FailedJoinsPerWindow { get; set; } = 5;

    /// <summary>Join attempts of any kind a client may make within <see cref="JoinWindow"/>.</summary>
    public int JoinsPerWindow { get; set; } = 60;

    public TimeSpan JoinWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rooms one client may open per hour: a room is a server-side run, so opening them is not free.</summary>
    public int RoomsPerClientPerHour { get; set; } = 30;

    /// <summary>Rooms kept live in memory; the least recently used idle room is put to sleep past this (it stays in the database).</summary>
    public int MaxLiveRooms { get; set; } = 100;

    /// <summary>Questions and poll options are short texts read aloud in a lecture; longer ones are refused.</summary>
    public int MaxQuestionLength { get; set; } = 300;

    public int MaxOptionLength { get; set; } = 120;

    public int MaxPollOptions { get; set; } = 6;
}
