using System.Collections.Immutable;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Web.Lab.Tahoe;

/// <summary>
/// What a click on the Tahoe drawing does: a running node crashes and a crashed one recovers; a link
/// is cut both ways, or healed. The same choices back the fault buttons, so the keyboard and the
/// mouse always offer the same thing, labelled the same way.
/// </summary>
public static class TahoeFaultMenu
{
    public static TahoeFaultAction ForNode(string name, bool up) =>
        up ? new TahoeFaultAction.Crash(name) : new TahoeFaultAction.Recover(name);

    public static TahoeFaultAction ForWire(TahoeWire wire) =>
        wire.Cut ? new TahoeFaultAction.Heal(wire.Client, wire.Server, BothWays: true) : new TahoeFaultAction.Cut(wire.Client, wire.Server, BothWays: true);

    /// <summary>A button's words: "Crash S2", "Recover W1", "Cut W1-S2", "Heal W1-S2".</summary>
    public static string Label(TahoeFaultAction action)
    {
        var text = action.ToText();
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>The faults injected by hand, in words: "crash S2 at 120 ms, cut W1-S2 at 200 ms".</summary>
    public static string Describe(ImmutableArray<TahoeFault> faults) =>
        string.Join(", ", faults.Select(f => f.When is TahoeFaultTiming.AtTick a ? $"{f.Do.ToText()} at {a.Tick} ms" : f.ToString()));
}
