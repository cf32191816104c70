using System.Collections.Immutable;

namespace CommitLab.Engine.Faults;

/// <summary>
/// The closed set of faults a run can suffer. Scenario files, the CLI fuzzer and the UI all speak
/// this one vocabulary, so any run can be written down and replayed. <see cref="ToText"/> gives the
/// scenario-file form (the <c>do:</c> value), which <see cref="FaultText.ParseAction"/> reads back.
/// </summary>
public abstract record FaultAction
{
    private FaultAction()
    {
    }

    /// <summary>The scenario-file spelling of this action.</summary>
    public abstract string ToText();

    public sealed override string ToString() => ToText();

    /// <summary>The node loses its volatile state; its durable log survives.</summary>
    public sealed record Crash(string Node) : FaultAction
    {
        public override string ToText() => $"crash {Node}";
    }

    /// <summary>The node restarts and rebuilds itself from its durable log only.</summary>
    public sealed record Recover(string Node) : FaultAction
    {
        public override string ToText() => $"recover {Node}";
    }

    /// <summary>The node stops for a while (a long GC pause, a swapped-out VM), then resumes where it was.</summary>
    public sealed record Freeze(string Node, int Ticks) : FaultAction
    {
        public override string ToText() => $"freeze {Node} for {Ticks}";
    }

    /// <summary>The link stops carrying messages; what is in flight on it is lost.</summary>
    public sealed record Cut(string From, string To, bool BothWays) : FaultAction
    {
        public override string ToText() => BothWays ? $"cut {From}-{To}" : $"cut {From}->{To}";
    }

    public sealed record Heal(string From, string To, bool BothWays) : FaultAction
    {
        public override string ToText() => BothWays ? $"heal {From}-{To}" : $"heal {From}->{To}";
    }

    public sealed record HealAll : FaultAction
    {
        public override string ToText() => "heal all";
    }

    /// <summary>Cuts every link between nodes of different groups. Links of unlisted nodes are untouched.</summary>
    public sealed record Partition(ImmutableArray<ImmutableArray<string>> Groups) : FaultAction
    {
        public override string ToText() => "partition " + string.Join(" | ", Groups.Select(g => string.Join(",", g)));

        public bool Equals(Partition? other) =>
            other is not null && Groups.Length == other.Groups.Length &&
            Groups.Zip(other.Groups).All(pair => pair.First.SequenceEqual(pair.Second));

        public override int GetHashCode() => ToText().GetHashCode(StringComparison.Ordinal);
    }

    /// <summary>
    /// Drops one message. Without an id it means "the message that fired this fault's
    /// <c>sends</c> trigger"; with an id, that message in flight (the UI's click on a message).
    /// </summary>
    public sealed record Drop(long? MessageId = null) : FaultAction
    {
        public override string ToText() => MessageId is { } id ? $"drop #{id}" : "drop";
    }

    /// <summary>Delays one message by some ticks; the id works as for <see cref="Drop"/>.</summary>
    public sealed record Delay(int Ticks, long? MessageId = null) : FaultAction
    {
        public override string ToText() => MessageId is { } id ? $"delay #{id} {Ticks}" : $"delay {Ticks}";
    }

    /// <summary>The participant will vote no (or, if it already voted, nothing changes).</summary>
    public sealed record VoteNo(string Node) : FaultAction
    {
        public override string ToText() => $"vote no {Node}";
    }
}
