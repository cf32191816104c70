using System.Collections.Immutable;
using System.Globalization;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Generates a whole random Tahoe run from one seed: the network, when each writer starts, how often
/// a refused writer retries, and a fault schedule. <c>commitlab fuzz --protocol tahoe</c> and the
/// Tahoe property tests both draw their runs here, so what the tests promise is what the fuzzer
/// explores, and a seed names a run in both.
/// <para>
/// Randomness comes from the engine's <see cref="Prng"/>, seeded with the run seed XOR
/// <see cref="StreamSalt"/> so the plan's draws are independent of the simulator's own draws from
/// the same seed (the scenario's <see cref="TahoeScenario.Seed"/> is the run seed itself). Draws
/// happen in this order, so a seed keeps meaning the same run: latency minimum (1 to 30 ticks) and
/// spread (0 to 50), loss (0 to 20 %), each writer's start (0 to 60), the retry limit (3 to 20), then
/// the faults. Without faults the same draws are made and then set aside, so a seed gives the same
/// network and starts with or without them.
/// </para>
/// <para>
/// A schedule has 0 to <see cref="MaxPicks"/> picks, each a crash (weight 2) of any node at a tick
/// in [0, 600] that recovers 1 to 800 ticks later, a cut link (weight 1, one way or both) at a tick
/// in [0, 600] that heals 1 to 600 ticks later, or a dropped message (weight 2): the first message
/// of a random kind that a random node sends. Every fault is repaired, so once the schedule is over
/// every node is up and every link works: a run that still ends badly is the protocol's doing, not
/// a permanent fault's.
/// </para>
/// </summary>
public static class TahoeFaultPlan
{
    /// <summary>"TAHOEPLN" in ASCII: separates the plan's random stream from the simulator's for the same seed.</summary>
    public const ulong StreamSalt = 0x5441484F45504C4E;

    public const int MaxPicks = 5;

    /// <summary>Generous beside the faults' horizon (a repair comes by tick 1,400), so that only a run that really cannot finish stops here.</summary>
    public const long MaxTicks = 60_000;

    public static TahoeScenario Generate(ulong seed, TahoeMode mode, int writers, int servers, bool faults = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, TahoeScenario.MinWriters);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(writers, TahoeScenario.MaxWriters);
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(servers, TahoeScenario.MaxServers);
        var random = new Prng(seed ^ StreamSalt);
        var latencyMin = (int)random.NextInclusive(1, 30);
        var latencySpread = (int)random.NextInclusive(0, 50);
        var lossPercent = random.NextInclusive(0, 20);
        var starts = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        for (var w = 1; w <= writers; w++)
        {
            starts.Add($"W{w}", random.NextInclusive(0, 60));
        }

        var retryLimit = (int)random.NextInclusive(3, 20);
        var scenario = new TahoeScenario
        {
            Title = $"Generated Tahoe run: {TahoeModes.Name(mode)}, {writers} writers, {servers} {(servers == 1 ? "server" : "servers")}, seed {seed.ToString(CultureInfo.InvariantCulture)}",
            Mode = mode,
            Writers = writers,
            Servers = servers,
            Seed = seed,
            Network = new NetworkSettings(latencyMin, latencyMin + latencySpread, faults ? lossPercent / 100.0 : 0.0),
            Starts = starts.ToImmutable(),
            // A backoff wide enough that two refused writers rarely collide again.
            Retry = new TahoeRetry(true, 20, 150, retryLimit),
            MaxTicks = MaxTicks,
        };
        return faults ? scenario with { Faults = Schedule(random, [.. scenario.NodeNames()]) } : scenario;
    }

    private static ImmutableArray<TahoeFault> Schedule(Prng random, string[] nodes)
    {
        var kinds = Enum.GetValues<TahoeMessageKind>();
        var faults = new List<(long SortTick, TahoeFault Fault)>();
        var picks = random.NextInclusive(0, MaxPicks);
        for (var i = 0; i < picks; i++)
        {
            switch (random.NextInclusive(0, 4))
            {
                case 0 or 1:
                    var node = Pick(random, nodes);
                    var crashAt = random.NextInclusive(0, 600);
                    var recoverAt = crashAt + random.NextInclusive(1, 800);
                    faults.Add((crashAt, new TahoeFault(new TahoeFaultTiming.AtTick(crashAt), new TahoeFaultAction.Crash(node))));
                    faults.Add((recoverAt, new TahoeFault(new TahoeFaultTiming.AtTick(recoverAt), new TahoeFaultAction.Recover(node))));
                    break;
                case 2:
                    var a = Pick(random, nodes);
                    var b = Pick(random, [.. nodes.Where(name => name != a)]);
                    var bothWays = random.NextInclusive(0, 1) == 0;
                    var cutAt = random.NextInclusive(0, 600);
                    var healAt = cutAt + random.NextInclusive(1, 600);
                    faults.Add((cutAt, new TahoeFault(new TahoeFaultTiming.AtTick(cutAt), new TahoeFaultAction.Cut(a, b, bothWays))));
                    // Healed both ways whatever was cut: it undoes either kind of cut.
                    faults.Add((healAt, new TahoeFault(new TahoeFaultTiming.AtTick(healAt), new TahoeFaultAction.Heal(a, b, true))));
                    break;
                default:
                    // A trigger sorts after every timed fault; the first send of that kind may come at any time.
                    faults.Add((long.MaxValue, new TahoeFault(new TahoeFaultTiming.OnSend(Pick(random, nodes), Pick(random, kinds), null), new TahoeFaultAction.Drop())));
                    break;
            }
        }

        // Schedule order reads like the run: timed faults by tick, then the triggers. OrderBy is
        // stable, so equal ticks keep the order they were drawn in.
        return [.. faults.OrderBy(entry => entry.SortTick).Select(entry => entry.Fault)];
    }

    private static T Pick<T>(Prng random, T[] items) => items[random.NextInclusive(0, items.Length - 1)];
}
