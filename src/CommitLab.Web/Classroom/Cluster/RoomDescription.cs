using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>What a hub connection on another instance needs to enter a room: its title, the run now and the poll on screen (the full view; students are given theirs).</summary>
[GenerateSerializer, Immutable]
public sealed record RoomDescription(
    [property: Id(0)] string Code,
    [property: Id(1)] string Title,
    [property: Id(2)] RoomUpdate State,
    [property: Id(3)] PollView? Poll);
