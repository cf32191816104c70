using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Lab.Compare;

/// <summary>
/// Turns one run into the two sides of a comparison: the same participants, votes, seed, network and
/// timeouts, and the same faults translated by node name. What a side cannot take over (a trigger on a
/// message its protocol never sends or on a record the node's role there never writes, the outcome log,
/// a message number of the original run) is left
/// out of that side's scenario and told in a note on that side.
/// </summary>
public static class CompareSetup
{
    public static (CompareSide Left, CompareSide Right) From(Scenario run, CompareMode mode)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Names.IsTahoe(run.Protocol) || run.Protocol == ProtocolKind.TwoGenerals)
        {
            throw new ScenarioException($"a comparison puts two commit protocols side by side, with L and P1..Pn; a {Names.Of(run.Protocol)} run has other nodes. Open a 2PC, 3PC or Paxos Commit run in the Lab first");
        }

        return mode == CompareMode.Detectors
            ? (Side(run, ProtocolKind.ThreePhase, DetectorKind.Perfect), Side(run, ProtocolKind.ThreePhase, DetectorKind.Timeout))
            : (Side(run, ProtocolKind.TwoPhase, run.FailureDetector), Side(run, ProtocolKind.ThreePhase, run.FailureDetector));
    }

    /// <summary>"2PC" (it has no failure detector), or "3PC, perfect detector".</summary>
    public static string NameOf(ProtocolKind protocol, DetectorKind detector) =>
        protocol == ProtocolKind.TwoPhase ? "2PC" : $"{TriggerReach.ShortName(protocol)}, {Names.Of(detector)} detector";

    private static CompareSide Side(Scenario run, ProtocolKind protocol, DetectorKind detector)
    {
        var notes = new List<string>();
        var twoPhase = protocol == ProtocolKind.TwoPhase;
        var name = NameOf(protocol, detector);

        // The original run itself (2PC does not consult the detector): its own message numbers and
        // event counts still mean what they meant, so its hand faults stay exactly as recorded.
        var original = run.Protocol == protocol && (twoPhase || run.FailureDetector == detector);
        var side = run with
        {
            Title = $"{run.Title} ({name})",
            Protocol = protocol,
            FailureDetector = detector,
            Expect = null, // what the original run expected is not what this side must do
            Acceptors = 0,
            Faults = [],
        };

        if (run.Acceptors > 0)
        {
            notes.Add($"Not here: Paxos Commit's {run.Acceptors} acceptors; {name} has none.");
        }

        if (!twoPhase)
        {
            if (run.OutcomeLog)
            {
                notes.Add("Not here: the outcome log (LOG), a 2PC option.");
            }

            if (run.Presume != Presumption.Nothing)
            {
                notes.Add($"Not here: presumed {Names.Of(run.Presume)}, a 2PC variant.");
            }

            if (!run.ReadOnly.IsEmpty)
            {
                notes.Add($"{string.Join(", ", run.ReadOnly.Order(StringComparer.Ordinal))} vote{(run.ReadOnly.Count == 1 ? "s" : "")} yes here: 3PC has no read-only vote.");
            }

            if (run.Timeouts.Prepare is not null)
            {
                notes.Add("Not here: the prepare timeout, a 2PC option.");
            }

            side = side with
            {
                OutcomeLog = false,
                Presume = Presumption.Nothing,
                ReadOnly = ImmutableHashSet<string>.Empty,
                Timeouts = side.Timeouts with { Prepare = null },
            };
        }

        var nodes = side.NodeNames().ToHashSet(StringComparer.Ordinal);
        var faults = ImmutableArray.CreateBuilder<ScheduledFault>();
        var carried = new List<CarriedFault>();
        foreach (var fault in run.Faults)
        {
            var (kept, why) = Translate(fault, run, side, original, nodes);
            carried.Add(new CarriedFault(fault, kept, why));
            if (kept is not null)
            {
                faults.Add(kept);
            }
            else
            {
                notes.Add($"Not here: “{Describe(fault)}”, because {why}.");
            }
        }

        return new CompareSide(name, side with { Faults = faults.ToImmutable() }, notes) { Carried = carried };
    }

    private static (ScheduledFault? Kept, string? Why) Translate(ScheduledFault fault, Scenario run, Scenario side, bool original, IReadOnlySet<string> nodes)
    {
        if (FaultChecks.Problems(fault, nodes).FirstOrDefault() is { } problem)
        {
            return (null, NoSuchNode(fault, run.NodeNames(), TriggerReach.ShortName(side.Protocol), nodes) ?? problem);
        }

        if (fault.When is FaultTiming.OnTrigger { Trigger: var trigger } && TriggerReach.WhyNot(trigger, side) is { } never)
        {
            return (null, never);
        }

        if (original)
        {
            return (fault, null);
        }

        var messageId = fault.Do switch { FaultAction.Drop d => d.MessageId, FaultAction.Delay d => d.MessageId, _ => null };
        if (messageId is { } picked)
        {
            return (null, $"message #{picked} was one of the original run's; each protocol sends its own messages");
        }

        // A hand fault struck after so many events of the original run; here the same moment is its clock.
        return fault.When is FaultTiming.AfterEvent { Tick: var tick }
            ? tick is { } at
                ? (fault with { When = new FaultTiming.AtTick(at) }, null)
                : (null, "it was placed after an event of the original run, which has no counterpart here")
            : (fault, null);
    }

    /// <summary>
    /// "3PC has no LOG node" when <paramref name="fault"/> names a node of the run it came from
    /// (<paramref name="from"/>: the outcome log, Paxos Commit's acceptors) that the side called
    /// <paramref name="side"/>, with <paramref name="nodes"/>, does not have; else null. The engine's own
    /// check of the fault says which nodes it names: a node counts when adding it answers one problem.
    /// </summary>
    public static string? NoSuchNode(ScheduledFault fault, IEnumerable<string> from, string side, IReadOnlySet<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(nodes);
        var problems = FaultChecks.Problems(fault, nodes).Count();
        var missing = from
            .Where(n => !nodes.Contains(n) && FaultChecks.Problems(fault, new HashSet<string>(nodes, StringComparer.Ordinal) { n }).Count() < problems)
            .ToList();
        return missing switch
        {
            [] => null,
            [var one] => $"{side} has no {one} node",
            _ => $"{side} has no {string.Join(", ", missing[..^1])} or {missing[^1]} node",
        };
    }

    /// <summary>A fault as a sentence fragment: "crash L when L logs commit", "crash P2 at 130 ms".</summary>
    public static string Describe(ScheduledFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return fault.When switch
        {
            FaultTiming.OnTrigger t => $"{fault.Do.ToText()} when {t.Trigger.ToText()}",
            FaultTiming.AtTick t => $"{fault.Do.ToText()} at {t.Tick} ms",
            FaultTiming.AfterEvent { Tick: { } tick } => $"{fault.Do.ToText()} at {tick} ms",
            FaultTiming.AfterEvent e => $"{fault.Do.ToText()} after event {e.Count}",
            _ => fault.Do.ToText(),
        };
    }
}
