namespace CommitLab.Engine.Tahoe;

/// <summary>The faults a Tahoe run takes: a subset of the engine's closed set that means something here.</summary>
public abstract record TahoeFaultAction
{
    private TahoeFaultAction()
    {
    }

    public sealed record Crash(string Node) : TahoeFaultAction;

    public sealed record Recover(string Node) : TahoeFaultAction;

    public sealed record Cut(string From, string To, bool BothWays) : TahoeFaultAction;

    public sealed record Heal(string From, string To, bool BothWays) : TahoeFaultAction;

    public sealed record HealAll : TahoeFaultAction;

    /// <summary>Loses the very message that fired a <c>sends</c> trigger.</summary>
    public sealed record Drop : TahoeFaultAction;

    public string ToText() => this switch
    {
        Crash c => $"crash {c.Node}",
        Recover r => $"recover {r.Node}",
        Cut c => $"cut {c.From}{(c.BothWays ? "-" : "->")}{c.To}",
        Heal h => $"heal {h.From}{(h.BothWays ? "-" : "->")}{h.To}",
        HealAll => "heal all",
        _ => "drop",
    };

    /// <summary>The same action in the simulator's one fault vocabulary.</summary>
    public Faults.FaultAction ToAction() => this switch
    {
        Crash c => new Faults.FaultAction.Crash(c.Node),
        Recover r => new Faults.FaultAction.Recover(r.Node),
        Cut c => new Faults.FaultAction.Cut(c.From, c.To, c.BothWays),
        Heal h => new Faults.FaultAction.Heal(h.From, h.To, h.BothWays),
        HealAll => new Faults.FaultAction.HealAll(),
        _ => new Faults.FaultAction.Drop(),
    };

    /// <summary>The node names the action mentions, to check them against the run's.</summary>
    public IEnumerable<string> Nodes() => this switch
    {
        Crash c => [c.Node],
        Recover r => [r.Node],
        Cut c => [c.From, c.To],
        Heal h => [h.From, h.To],
        _ => [],
    };
}
