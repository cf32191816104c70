using System.Collections.Immutable;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// The Tahoe-LAFS section of a scenario: how many writers (W1..Wn) update the one mutable file, how
/// many storage servers (S1..Sm) hold its shares, when each writer starts, how a refused 2PC writer
/// retries, and the writers' resend and the magic-folder reader's poll periods. Nodes are numbered
/// writers first, then servers, then the reader R (magic folder only).
/// </summary>
public sealed record TahoeSettings
{
    public const int MinWriters = 2;
    public const int MaxWriters = 4;
    public const int MaxServers = 7;

    public int Writers { get; init; } = 2;

    public int Servers { get; init; } = 3;

    /// <summary>The tick each writer starts its update; writers not listed start at 0.</summary>
    public ImmutableSortedDictionary<string, long> Starts { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    public TahoeRetry Retry { get; init; } = new();

    /// <summary>Ticks a writer waits for answers before asking again the servers that have not answered.</summary>
    public int ResendTicks { get; init; } = 100;

    /// <summary>Ticks between two reads of the magic-folder reader.</summary>
    public int PollTicks { get; init; } = 60;

    public long StartOf(string writer) => Starts.TryGetValue(writer, out var tick) ? tick : 0;

    /// <summary>Whether node <paramref name="node"/> is a storage server.</summary>
    public bool IsServer(int node) => node >= Writers && node < Writers + Servers;

    /// <summary>A bit per server, in server order: what "every server answered" compares against.</summary>
    public int AllServers => (1 << Servers) - 1;

    public int ServerBit(int node) => 1 << (node - Writers);

    /// <summary>The reader's node index (magic folder only; the node after the last server).</summary>
    public int Reader => Writers + Servers;
}
