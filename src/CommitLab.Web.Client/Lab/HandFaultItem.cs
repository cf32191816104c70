using CommitLab.Engine.Faults;

namespace CommitLab.Web.Lab;

/// <summary>
/// One fault injected by hand, as the list of them shows it: when it struck and what it did, in the
/// Lab's words ("cut L–P3", "drop message #17"), with its place in the list for removing it.
/// </summary>
public sealed record HandFaultItem(int Index, long? Tick, string What)
{
    /// <summary>"120 ms", or "" for a fault fired by a trigger rather than at a moment.</summary>
    public string At => Tick is { } tick ? $"{tick} ms" : "";

    /// <summary>What a screen reader hears on the remove button.</summary>
    public string RemoveLabel => Tick is { } tick ? $"Remove {What} at {tick} ms" : $"Remove {What}";

    public static IReadOnlyList<HandFaultItem> From(IReadOnlyList<ScheduledFault> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        return faults.Select((f, i) => new HandFaultItem(i, TickOf(f.When), Describe(f.Do))).ToList();
    }

    public static string Describe(FaultAction action) => action switch
    {
        FaultAction.Drop { MessageId: { } id } => $"drop message #{id}",
        FaultAction.Delay { MessageId: { } id } d => $"delay message #{id} by {d.Ticks} ms",
        FaultAction.Freeze f => $"freeze {f.Node} for {f.Ticks} ms",
        _ => action.ToText().Replace('-', '–'),
    };

    private static long? TickOf(FaultTiming when) => when switch
    {
        FaultTiming.AfterEvent a => a.Tick,
        FaultTiming.AtTick t => t.Tick,
        _ => null,
    };
}
