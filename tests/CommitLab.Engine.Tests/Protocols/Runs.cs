using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tests.Protocols;

/// <summary>Small helpers so protocol tests read like the scenario they describe.</summary>
internal static class Runs
{
    public static Scenario TwoPc(int participants = 3, ulong seed = 1) =>
        new() { Title = "test", Protocol = ProtocolKind.TwoPhase, Participants = participants, Seed = seed };

    public static Scenario ThreePc(int participants = 3, ulong seed = 1, DetectorKind detector = DetectorKind.Perfect) =>
        new() { Title = "test", Protocol = ProtocolKind.ThreePhase, Participants = participants, Seed = seed, FailureDetector = detector };

    public static ScheduledFault When(string trigger, string action) =>
        new(new FaultTiming.OnTrigger(FaultText.ParseTrigger(trigger)), FaultText.ParseAction(action));

    public static ScheduledFault At(long tick, string action) =>
        new(new FaultTiming.AtTick(tick), FaultText.ParseAction(action));

    public static Scenario With(this Scenario scenario, params ScheduledFault[] faults) =>
        scenario with { Faults = scenario.Faults.AddRange(faults) };

    public static IEnumerable<string> Lines(this Simulator sim) => sim.Trace.Events.Select(e => sim.Trace.Line(e));

    public static NodeSnapshot Node(this Snapshot snapshot, string name) => snapshot.Nodes.Single(n => n.Name == name);

    public static ImmutableArray<string> Participants(this Simulator sim) => sim.NodeNames.Where(n => n.StartsWith('P')).ToImmutableArray();

    /// <summary>Index of the first trace event matching, or -1.</summary>
    public static int IndexOf(this Simulator sim, Func<TraceEvent, bool> match, int from = 0)
    {
        var events = sim.Trace.Events;
        for (var i = from; i < events.Count; i++)
        {
            if (match(events[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
