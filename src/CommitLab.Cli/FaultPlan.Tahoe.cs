using System.Collections.Immutable;
using System.Globalization;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// The Tahoe-LAFS half of the generator: a whole random Tahoe run from one seed, as a
/// <see cref="Scenario"/> like any other. <c>commitlab fuzz --protocol tahoe</c> and the Tahoe
/// property tests both draw their runs here, so what the tests promise is what the fuzzer explores,
/// and a seed names a run in both.
/// <para>
/// Randomness comes from the engine's <see cref="Prng"/>, seeded with the run seed XOR
/// <see cref="TahoeStreamSalt"/> so the plan's draws are independent of the simulator's own draws
/// from the same seed (the scenario's seed is the run seed itself). Draws happen in this order, so a
/// seed keeps meaning the same run: latency minimum (1 to 30 ticks) and spread (0 to 50), loss (0 to
/// 20 %), each writer's start (0 to 60), the retry limit (3 to 20), then the faults. Without faults
/// the same draws are made and then set aside, so a seed gives the same network and starts with or
/// without them.
/// </para>
/// <para>
/// A schedule has 0 to <see cref="TahoeMaxPicks"/> picks, each a crash (weight 2) of any node at a
/// tick in [0, 600] that recovers 1 to 800 ticks later; a cut (weight 1) of a link between a writer
/// (or the reader) and a server, both ways or one, at a tick in [0, 600], healed 1 to 600 ticks
/// later; or a dropped message (weight 2): the first message of a kind the protocol really sends,
/// from a random writer, server or reader, to anyone or to one peer. Every fault is repaired, so
/// once the schedule is over every node is up and every link works: a run that still ends badly is
/// the protocol's doing, not a permanent fault's.
/// </para>
/// </summary>
public static partial class FaultPlan
{
    /// <summary>"TAHOEPLN" in ASCII: separates the plan's random stream from the simulator's for the same seed.</summary>
    public const ulong TahoeStreamSalt = 0x5441484F45504C4E;

    public const int TahoeMaxPicks = 5;

    /// <summary>Generous beside the faults' horizon (a repair comes by tick 1,400), so that only a run that really cannot finish stops here.</summary>
    public const long TahoeMaxTicks = 60_000;

    /// <summary>A random run of the Tahoe-LAFS <paramref name="protocol"/> (tahoe-2pc, tahoe-uncoordinated or tahoe-magic-folder).</summary>
    public static Scenario GenerateTahoe(ulong seed, ProtocolKind protocol, int writers, int servers, bool faults = true)
    {
        var mode = protocol;
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, TahoeSettings.MinWriters);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(writers, TahoeSettings.MaxWriters);
        ArgumentOutOfRangeException.ThrowIfLessThan(servers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(servers, TahoeSettings.MaxServers);
        var random = new Prng(seed ^ TahoeStreamSalt);
        var latencyMin = (int)random.NextInclusive(1, 30);
        var latencySpread = (int)random.NextInclusive(0, 50);
        var lossPercent = random.NextInclusive(0, 20);
        var starts = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        for (var w = 1; w <= writers; w++)
        {
            starts.Add($"W{w}", random.NextInclusive(0, 60));
        }

        var retryLimit = (int)random.NextInclusive(3, 20);
        var scenario = new Scenario
        {
            Title = $"Generated Tahoe run: {Names.TahoeMode(mode)}, {writers} writers, {servers} {(servers == 1 ? "server" : "servers")}, seed {seed.ToString(CultureInfo.InvariantCulture)}",
            Protocol = protocol,
            Seed = seed,
            Network = new NetworkSettings(latencyMin, latencyMin + latencySpread, faults ? lossPercent / 100.0 : 0.0),
            MaxTicks = TahoeMaxTicks,
            Tahoe = new TahoeSettings
            {
                Writers = writers,
                Servers = servers,
                Starts = starts.ToImmutable(),
                // A backoff wide enough that two refused writers rarely collide again.
                Retry = new TahoeRetry(true, 20, 150, retryLimit),
            },
        };
        return faults ? scenario with { Faults = TahoeSchedule(random, scenario, mode) } : scenario;
    }

    private static ImmutableArray<ScheduledFault> TahoeSchedule(Prng random, Scenario scenario, ProtocolKind mode)
    {
        var tahoe = scenario.Tahoe!;
        var nodes = scenario.NodeNames().ToArray();
        var writers = nodes[..tahoe.Writers];
        var servers = nodes[tahoe.Writers..(tahoe.Writers + tahoe.Servers)];
        // Nodes that talk to servers: the writers, and the reader in the magic folder.
        var clients = mode == ProtocolKind.TahoeMagicFolder ? [.. writers, "R"] : writers;
        var faults = new List<(long SortTick, ScheduledFault Fault)>();
        var picks = random.NextInclusive(0, TahoeMaxPicks);
        for (var i = 0; i < picks; i++)
        {
            switch (random.NextInclusive(0, 4))
            {
                case 0 or 1:
                    var node = Pick(random, nodes);
                    var crashAt = random.NextInclusive(0, 600);
                    var recoverAt = crashAt + random.NextInclusive(1, 800);
                    faults.Add((crashAt, new ScheduledFault(new FaultTiming.AtTick(crashAt), new FaultAction.Crash(node))));
                    faults.Add((recoverAt, new ScheduledFault(new FaultTiming.AtTick(recoverAt), new FaultAction.Recover(node))));
                    break;
                case 2:
                    // Only links that carry messages: a client and a server, both ways or either one way.
                    var client = Pick(random, clients);
                    var server = Pick(random, servers);
                    var (a, b, bothWays) = random.NextInclusive(0, 2) switch
                    {
                        0 => (client, server, true),
                        1 => (client, server, false),
                        _ => (server, client, false),
                    };
                    var cutAt = random.NextInclusive(0, 600);
                    var healAt = cutAt + random.NextInclusive(1, 600);
                    faults.Add((cutAt, new ScheduledFault(new FaultTiming.AtTick(cutAt), new FaultAction.Cut(a, b, bothWays))));
                    faults.Add((healAt, new ScheduledFault(new FaultTiming.AtTick(healAt), new FaultAction.Heal(a, b, bothWays))));
                    break;
                default:
                    // A message this protocol really sends, so the trigger can fire: from a client to
                    // a server or the other way, to anyone or to one peer.
                    var fromClient = random.NextInclusive(0, 1) == 0;
                    var from = fromClient ? Pick(random, clients) : Pick(random, servers);
                    var kind = Pick(random, from == "R" ? [MessageKind.Read] : fromClient ? ClientMessages(mode) : ServerMessages(mode));
                    var to = random.NextInclusive(0, 1) == 0 ? null : fromClient ? Pick(random, servers) : Pick(random, writers);
                    // A trigger sorts after every timed fault; the first send of that kind may come at any time.
                    var trigger = new Trigger(TriggerKind.Sends, from, Message: kind, Peer: to);
                    faults.Add((long.MaxValue, new ScheduledFault(new FaultTiming.OnTrigger(trigger), new FaultAction.Drop())));
                    break;
            }
        }

        // Schedule order reads like the run: timed faults by tick, then the triggers. OrderBy is
        // stable, so equal ticks keep the order they were drawn in.
        return [.. faults.OrderBy(entry => entry.SortTick).Select(entry => entry.Fault)];
    }

    private static MessageKind[] ClientMessages(ProtocolKind mode) => mode switch
    {
        ProtocolKind.TahoeUncoordinated => [MessageKind.Read, MessageKind.Write],
        ProtocolKind.TahoeTwoPhase => [MessageKind.Read, MessageKind.Prepare, MessageKind.Commit, MessageKind.Abort],
        _ => [MessageKind.Read, MessageKind.Append],
    };

    private static MessageKind[] ServerMessages(ProtocolKind mode) => mode switch
    {
        ProtocolKind.TahoeUncoordinated => [MessageKind.ReadReply, MessageKind.WriteAck],
        ProtocolKind.TahoeTwoPhase => [MessageKind.ReadReply, MessageKind.VoteYes, MessageKind.VoteNo, MessageKind.Ack],
        _ => [MessageKind.ReadReply, MessageKind.AppendAck],
    };
}
