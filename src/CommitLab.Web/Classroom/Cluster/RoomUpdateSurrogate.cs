using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// How a <see cref="RoomUpdate"/> travels from a room's grain to the instances that follow it.
/// The update is declared in the browser project, which must not carry the serializer, so the
/// serializer learns it through this surrogate instead of attributes on the record.
/// </summary>
[GenerateSerializer]
public struct RoomUpdateSurrogate
{
    [Id(0)] public long Seq { get; set; }
    [Id(1)] public long Events { get; set; }
    [Id(2)] public long Tick { get; set; }
    [Id(3)] public bool Playing { get; set; }
    [Id(4)] public double Speed { get; set; }
    [Id(5)] public bool Finished { get; set; }
    [Id(6)] public string Outcome { get; set; }
    [Id(7)] public string TraceHash { get; set; }
    [Id(8)] public string? ActionId { get; set; }
    [Id(9)] public bool Reset { get; set; }
    [Id(10)] public string[] Lines { get; set; }
    [Id(11)] public string? Recording { get; set; }
    [Id(12)] public string? ForkRun { get; set; }
    [Id(13)] public bool Held { get; set; }
}

[RegisterConverter]
public sealed class RoomUpdateSurrogateConverter : IConverter<RoomUpdate, RoomUpdateSurrogate>
{
    public RoomUpdate ConvertFromSurrogate(in RoomUpdateSurrogate surrogate) =>
        new(surrogate.Seq, surrogate.Events, surrogate.Tick, surrogate.Playing, surrogate.Speed, surrogate.Finished,
            surrogate.Outcome, surrogate.TraceHash, surrogate.ActionId, surrogate.Reset, surrogate.Lines ?? [])
        {
            Recording = surrogate.Recording,
            ForkRun = surrogate.ForkRun,
            Held = surrogate.Held,
        };

    public RoomUpdateSurrogate ConvertToSurrogate(in RoomUpdate value) => new()
    {
        Seq = value.Seq,
        Events = value.Events,
        Tick = value.Tick,
        Playing = value.Playing,
        Speed = value.Speed,
        Finished = value.Finished,
        Outcome = value.Outcome,
        TraceHash = value.TraceHash,
        ActionId = value.ActionId,
        Reset = value.Reset,
        Lines = [.. value.Lines],
        Recording = value.Recording,
        ForkRun = value.ForkRun,
        Held = value.Held,
    };
}
