namespace CommitLab.Web.Classroom.Cluster;

/// <summary>
/// How a <see cref="PollView"/> travels between the instances of a cluster. The view is declared in
/// the browser project, which must not carry the serializer, hence a surrogate (see
/// <see cref="RoomUpdateSurrogate"/>).
/// </summary>
[GenerateSerializer]
public struct PollViewSurrogate
{
    [Id(0)] public long Id { get; set; }
    [Id(1)] public string Question { get; set; }
    [Id(2)] public string[] Options { get; set; }
    [Id(3)] public int? Correct { get; set; }
    [Id(4)] public PollStatus Status { get; set; }
    [Id(5)] public int[] Tally { get; set; }
    [Id(6)] public int Answered { get; set; }
    [Id(7)] public long AtTick { get; set; }
}

[RegisterConverter]
public sealed class PollViewSurrogateConverter : IConverter<PollView, PollViewSurrogate>
{
    public PollView ConvertFromSurrogate(in PollViewSurrogate surrogate) =>
        new(surrogate.Id, surrogate.Question, [.. surrogate.Options ?? []], surrogate.Correct, surrogate.Status,
            [.. surrogate.Tally ?? []], surrogate.Answered, surrogate.AtTick);

    public PollViewSurrogate ConvertToSurrogate(in PollView value) => new()
    {
        Id = value.Id,
        Question = value.Question,
        Options = [.. value.Options],
        Correct = value.Correct,
        Status = value.Status,
        Tally = [.. value.Tally],
        Answered = value.Answered,
        AtTick = value.AtTick,
    };
}
