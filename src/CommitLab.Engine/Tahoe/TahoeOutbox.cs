namespace CommitLab.Engine.Tahoe;

/// <summary>Collects a handler's effects in the order they were asked for.</summary>
public sealed class TahoeOutbox
{
    private readonly List<TahoeEffect> effects = [];

    public IReadOnlyList<TahoeEffect> Effects => effects;

    public void Send(int to, TahoeMessage message) => effects.Add(new TahoeEffect.Send(to, message));

    public void SetTimer(TahoeTimer timer, long ticks) => effects.Add(new TahoeEffect.SetTimer(timer, ticks, ticks));

    public void SetTimer(TahoeTimer timer, long min, long max) => effects.Add(new TahoeEffect.SetTimer(timer, min, max));

    public void Persist(string record, bool forced) => effects.Add(new TahoeEffect.Persist(record, forced));

    internal void Clear() => effects.Clear();
}
