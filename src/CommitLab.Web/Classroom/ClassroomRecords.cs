using System.Collections.Immutable;

namespace CommitLab.Web.Classroom;

/// <summary>A room as stored: who may drive it (the token's hash), how students find it, and its run so far. <see cref="LastUsed"/> decides when it expires.</summary>
public sealed record RoomRecord(
    string Id,
    string Code,
    byte[] TokenHash,
    string? ScenarioName,
    string RecordingYaml,
    long CursorEvents,
    long CursorTick,
    double Speed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsed = null);

/// <summary>A student who joined a room; the id is the student's private key to come back after a reload.</summary>
public sealed record StudentRecord(string Id, string RoomId, string Name, DateTimeOffset JoinedAt);

[GenerateSerializer]
public enum PollStatus
{
    Open,
    Revealed,
    Closed,
}

/// <summary>A poll as stored, with the answers given so far (student id → option index).</summary>
public sealed record PollRecord(
    long Id,
    string RoomId,
    string Question,
    ImmutableArray<string> Options,
    int? Correct,
    PollStatus Status,
    long AtTick,
    ImmutableDictionary<string, int> Answers);
