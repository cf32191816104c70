namespace CommitLab.Web.Classroom.Cluster;

/// <summary>The grain's answer to a poll action from a console on another instance: the poll now, or why the action was refused.</summary>
[GenerateSerializer, Immutable]
public sealed record PollReply([property: Id(0)] PollView? Poll, [property: Id(1)] string? Error);
