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

    /// <summary>Wrong join codes a client may type within <see cref="JoinWindow"/> before it is told to wait. A right code is always let in (see <see cref="JoinGuard"/>).</summary>
    public int FailedJoinsPerWindow { get; set; } = 5;

    /// <summary>
    /// Wrong join codes the whole server takes within <see cref="JoinWindow"/> before clients that
    /// guessed wrong are no longer heard: the bound on guessing from many addresses (docs/classroom.md has the figures).
    /// </summary>
    public int WrongCodesPerWindow { get; set; } = 60;

    public TimeSpan JoinWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A room nobody has used for this long expires: its code and console link stop working, so old codes cannot be guessed.</summary>
    public TimeSpan RoomLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Rooms one client may open per hour: a room is a server-side run, so opening them is not free.</summary>
    public int RoomsPerClientPerHour { get; set; } = 30;

    /// <summary>Rooms kept live in memory; the least recently used idle room is put to sleep past this (it stays in the database).</summary>
    public int MaxLiveRooms { get; set; } = 100;

    /// <summary>
    /// Live rooms one client may hold (opened or woken from its address): past this its own idlest
    /// room sleeps first, so a handful of addresses cannot hold the whole server.
    /// </summary>
    public int MaxLiveRoomsPerClient { get; set; } = 5;

    /// <summary>Hub calls a connection may have refused within <see cref="JoinWindow"/>; past this the connection is closed.</summary>
    public int MaxRefusedCallsPerConnection { get; set; } = 20;

    /// <summary>Answers (first answer and changes of mind) a student may give to one poll.</summary>
    public int MaxAnswersPerPoll { get; set; } = 20;

    /// <summary>Questions and poll options are short texts read aloud in a lecture; longer ones are refused.</summary>
    public int MaxQuestionLength { get; set; } = 300;

    public int MaxOptionLength { get; set; } = 120;

    public int MaxPollOptions { get; set; } = 6;
}
