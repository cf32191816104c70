namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// Where a room's grain is active (the silo's address, and the address people reach that
/// instance's pages on when it is configured) and, when the room could not be brought into memory, why.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RoomPlacementReply([property: Id(0)] string Silo, [property: Id(1)] string? Problem, [property: Id(2)] string? PublicUrl = null);
