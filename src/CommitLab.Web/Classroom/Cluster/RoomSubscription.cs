using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>A subscription's answer: the grain activation (updates are numbered within it) and the run just after the subscriber was added.</summary>
[GenerateSerializer, Immutable]
public sealed record RoomSubscription([property: Id(0)] string Epoch, [property: Id(1)] RoomUpdate Current);
