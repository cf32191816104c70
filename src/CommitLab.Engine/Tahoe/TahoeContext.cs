using System.Collections.Immutable;

namespace CommitLab.Engine.Tahoe;

/// <summary>What a Tahoe node knows about its run and itself; never changes during a run.</summary>
public sealed record TahoeContext(TahoeMode Mode, int Self, ImmutableArray<string> Names, ImmutableArray<int> Servers, TahoeRetry Retry, long ResendTicks, long PollTicks)
{
    public string Name => Names[Self];

    /// <summary>A writer's index among the writers (W1 is 0); writers come first in the node order.</summary>
    public int WriterIndex => Self;

    /// <summary>A bit per server, in server order: what "everyone answered" compares against.</summary>
    public int AllServers => (1 << Servers.Length) - 1;

    public int ServerBit(int node) => 1 << Servers.IndexOf(node);
}
