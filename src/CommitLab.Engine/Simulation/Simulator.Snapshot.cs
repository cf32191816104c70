using System.Collections.Immutable;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Simulation;

/// <summary>Reading the run: immutable snapshots for the UI.</summary>
public sealed partial class Simulator
{
    /// <summary>An immutable picture of the run now.</summary>
    public Snapshot Snapshot()
    {
        var nodes = ImmutableArray.CreateBuilder<NodeSnapshot>(nodeCount);
        for (var i = 0; i < nodeCount; i++)
        {
            var timers = ImmutableArray.CreateBuilder<TimerView>();
            for (var t = 0; t < TimerKinds; t++)
            {
                var due = timerDue[(i * TimerKinds) + t];
                if (due >= 0)
                {
                    timers.Add(new TimerView((TimerKind)t, due));
                }
            }

            var suspects = ImmutableArray.CreateBuilder<string>();
            for (var j = 0; j < nodeCount; j++)
            {
                if ((detector.Suspected[i] & NodeContext.Bit(j)) != 0)
                {
                    suspects.Add(names[j]);
                }
            }

            nodes.Add(new NodeSnapshot(
                names[i],
                roles[i].Name,
                phases[i],
                decisions[i],
                up[i],
                up[i] && frozenUntil[i] > Tick,
                frozenUntil[i],
                up[i] && (busyUntil[i] > Tick || carryingOn[i]),
                contexts[i].VotesNo,
                logs[i].ToImmutableArray(),
                locks[i].ToImmutableArray(),
                timers.ToImmutable(),
                suspects.ToImmutable(),
                blocking.BlockedSince(i)));
        }

        var links = ImmutableArray.CreateBuilder<LinkSnapshot>(nodeCount * (nodeCount - 1));
        for (var from = 0; from < nodeCount; from++)
        {
            for (var to = 0; to < nodeCount; to++)
            {
                if (from != to)
                {
                    links.Add(new LinkSnapshot(names[from], names[to], linkUp[(from * nodeCount) + to]));
                }
            }
        }

        var messages = inFlight.Values
            .OrderBy(f => f.Id)
            .Select(f => new MessageSnapshot(f.Id, f.Message.Kind, names[f.Message.From], names[f.Message.To], f.SentAt, f.DeliverAt, f.Message.Decision, f.Message.State, f.Lost))
            .ToImmutableArray();

        var blocked = Enumerable.Range(1, participants)
            .Where(p => blocking.BlockedSince(p) is not null && up[p])
            .Select(p => new BlockedNode(names[p], blocking.BlockedSince(p)!.Value, Tick - blocking.BlockedSince(p)!.Value))
            .ToImmutableArray();
        var conflict = atomicity.Conflict is { } c ? (names[c.Committed], names[c.Aborted]) : ((string, string)?)null;
        var monitors = new MonitorSnapshot(atomicity.Holds, validity.Holds, violations.ToImmutableArray(), conflict, blocked);

        return new Snapshot(Tick, Events, finished, Scenario.Protocol, nodes.MoveToImmutable(), links.MoveToImmutable(), messages, partition, monitors, finished ? Result().Outcome : null, finished ? StopMessage : null)
        {
            MessagesSent = sent,
            ForcedWrites = forcedWrites,
        };
    }
}
