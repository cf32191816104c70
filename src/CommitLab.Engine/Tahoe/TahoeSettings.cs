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

    /// <summary>
    /// Every bound of the section a run relies on, as <see cref="Scenarios.Scenario.Validate"/> reports
    /// them: each problem starts with the key it is about ("tahoe.writers ...").
    /// </summary>
    public IEnumerable<string> Problems(long maxTicks)
    {
        if (Writers is < MinWriters or > MaxWriters)
        {
            yield return $"tahoe.writers must be between {MinWriters} and {MaxWriters}, not {Writers}";
        }

        if (Servers is < 1 or > MaxServers)
        {
            yield return $"tahoe.servers must be between 1 and {MaxServers}, not {Servers}";
        }

        foreach (var (name, value, min) in new (string, long, long)[] { ("tahoe.resend", ResendTicks, 1), ("tahoe.poll", PollTicks, 1), ("tahoe.retry.backoff min", Retry.BackoffMin, 1), ("tahoe.retry.backoff max", Retry.BackoffMax, Retry.BackoffMin) })
        {
            if (value < min || value > Scenarios.Scenario.MaxTimerTicks)
            {
                yield return $"{name} must be between {min} and {Scenarios.Scenario.MaxTimerTicks} ticks, not {value}";
            }
        }

        if (Retry.Limit is < 0 or > 20)
        {
            yield return $"tahoe.retry.limit must be between 0 and 20, not {Retry.Limit}";
        }

        foreach (var (writer, tick) in Starts)
        {
            if (writer.Length < 2 || writer[0] != 'W' || !int.TryParse(writer.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w) || w < 1 || w > Writers)
            {
                yield return $"tahoe.starts.{writer}: unknown writer '{writer}'; this run has writers W1..W{Writers}";
            }
            else if (tick < 0 || tick > maxTicks)
            {
                yield return $"tahoe.starts.{writer} must be between 0 and maxTicks ({maxTicks}), not {tick}";
            }
        }
    }

    public long StartOf(string writer) => Starts.TryGetValue(writer, out var tick) ? tick : 0;

    /// <summary>Whether node <paramref name="node"/> is a storage server.</summary>
    public bool IsServer(int node) => node >= Writers && node < Writers + Servers;

    /// <summary>A bit per server, in server order: what "every server answered" compares against.</summary>
    public int AllServers => (1 << Servers) - 1;

    public int ServerBit(int node) => 1 << (node - Writers);

    /// <summary>The reader's node index (magic folder only; the node after the last server).</summary>
    public int Reader => Writers + Servers;
}
