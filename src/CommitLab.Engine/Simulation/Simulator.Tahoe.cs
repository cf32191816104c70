using System.Collections.Immutable;
using CommitLab.Engine.Monitors;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Simulation;

/// <summary>
/// What a run of the Tahoe-LAFS models needs beyond the roles: narrating state changes, the rule for
/// when such a run is over, and its verdict. Everything else (network, faults, queue, trace) is shared.
/// </summary>
public sealed partial class Simulator
{
    public bool IsUp(int node) => slots[node].Up;

    /// <summary>The node's state now, or, while it is down, what it would come back as (null for a down 2PC/3PC node).</summary>
    public NodeState? Shown(int node) => slots[node].State ?? roles[node].Durable(contexts[node], LastCheckpoint(node));

    /// <summary>What node <paramref name="node"/> holds now, as its role describes it; null for roles whose phase says everything.</summary>
    public NodeDescription? Describe(int node) => Shown(node) is { } state ? roles[node].Describe(contexts[node], state) : null;

    /// <summary>The aspects the run's roles describe ("stage", "version", "lock"); empty when no role describes its nodes.</summary>
    public System.Collections.Immutable.ImmutableArray<string> Aspects
    {
        get
        {
            foreach (var role in roles)
            {
                if (!role.Aspects.IsEmpty)
                {
                    return role.Aspects;
                }
            }

            return [];
        }
    }

    /// <summary>True when the run has nothing left to do by its protocol's rules (what ends a run before maxTicks).</summary>
    public bool Settled => IsQuiescent();

    /// <summary>The last checkpoint in the node's durable log, or null.</summary>
    private Checkpoint? LastCheckpoint(int node)
    {
        var log = slots[node].Log;
        for (var i = log.Count - 1; i >= 0; i--)
        {
            if (log[i].Saved is { } saved)
            {
                return saved;
            }
        }

        return null;
    }

    /// <summary>Records what a narrating role says changed between two of its states.</summary>
    private void Narrate(int node, NodeState before, NodeState after)
    {
        if (ReferenceEquals(before, after))
        {
            return;
        }

        notes.Clear();
        roles[node].Narrate(contexts[node], before, after, notes);
        foreach (var note in notes)
        {
            Record(new TraceEvent(0, Tick, Events, note.Kind, node, Value: note.Value, Text: note.Text));
        }
    }

    /// <summary>
    /// A Tahoe run is over once every writer has finished, nothing but the reader's polls is in
    /// flight, no fault is still to come, no node is writing and (magic folder) the reader has read
    /// every entry a live server holds.
    /// </summary>
    private bool TahoeSettled()
    {
        if (pendingTickFaults > 0 || nextAfterEventFault < afterEventFaults.Count)
        {
            return false;
        }

        for (var slot = 0; slot < inFlight.Extent; slot++)
        {
            ref readonly var flight = ref inFlight[slot];
            if (flight.Id != 0 && flight.Message.From != reader && flight.Message.To != reader)
            {
                return false;
            }
        }

        for (var i = 0; i < nodeCount; i++)
        {
            if (slots[i].Up && (slots[i].BusyUntil > Tick || slots[i].CarryingOn))
            {
                return false;
            }
        }

        for (var w = 0; w < tahoe!.Writers; w++)
        {
            if (!slots[w].Up || !WriterPhases.IsFinal(((WriterState)slots[w].State!).Stage))
            {
                return false;
            }
        }

        if (reader < 0)
        {
            return true;
        }

        if (!slots[reader].Up)
        {
            return false;
        }

        var known = ((ReaderState)slots[reader].State!).Known;
        for (var s = tahoe.Writers; s < tahoe.Writers + tahoe.Servers; s++)
        {
            if (!slots[s].Up)
            {
                continue;
            }

            var held = ((ServerState)slots[s].State!).Logs;
            for (var w = 0; w < tahoe.Writers; w++)
            {
                if (held[w] is not null && known[w] is null)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private RunResult TahoeResult()
    {
        var verdict = TahoeVerdict.Of(Scenario.Protocol, tahoe!, names, this);
        var outcome = verdict.Outcome switch
        {
            TahoeOutcome.Committed or TahoeOutcome.ConflictVisible => RunOutcome.Committed,
            TahoeOutcome.CleanAbort => RunOutcome.Aborted,
            TahoeOutcome.Undecided => RunOutcome.Undecided,
            _ => RunOutcome.Violation,
        };
        var run = new RunResult(outcome, ImmutableSortedDictionary<string, Outcome>.Empty, [], violations.ToImmutableArray(), new MessageCounts(sent, delivered, dropped), Tick, Events, Trace.Hash(), StopMessage)
        {
            ForcedWrites = forcedWrites,
            Tahoe = verdict,
            Broken = BrokenMonitors(),
            Settled = finished && StopMessage is null && IsQuiescent(),
        };
        if (finished)
        {
            result = run;
        }

        return run;
    }
}
