using CommitLab.Engine.Monitors;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.TwoGenerals;

/// <summary>
/// Do Sam and Jill eat in the same place? Watches from outside, like every monitor: once both have
/// picked at noon, it reads their states and holds only if they picked the same. It is the property
/// no finite number of emails can promise over a lossy link.
/// </summary>
public sealed class LunchAgreementMonitor(INodeView nodes) : IMonitor
{
    public const string Property = "same place at noon";

    public string Name => Property;

    public bool Holds { get; private set; } = true;

    public string? Observe(in TraceEvent e)
    {
        if (e.Kind != TraceKind.Stage || nodes.Shown(0) is not LunchState { Place: { } sam } || nodes.Shown(1) is not LunchState { Place: { } jill } || sam == jill)
        {
            return null;
        }

        Holds = false;
        return $"{Property}: Sam eats {Where(sam)} but Jill eats {Where(jill)}";
    }

    private static string Where(LunchPlace place) => place == LunchPlace.Outside ? "outside" : "in the cafeteria";
}
