namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// A student following a room through an instance that does not run it, as that instance reports
/// them to the room's grain with its subscription: who, and through how many pages and connections.
/// The room's own instance sees no connection of theirs, so this is how the instructor's list and
/// head count learn of them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AttendingStudent([property: Id(0)] string StudentId, [property: Id(1)] string Name, [property: Id(2)] int Connections);
