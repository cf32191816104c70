namespace CommitLab.Engine.Faults;

/// <summary>Checks a scheduled fault against the nodes of a run: unknown names, impossible combinations.</summary>
public static class FaultChecks
{
    public static IEnumerable<string> Problems(ScheduledFault fault, IReadOnlySet<string> nodes)
    {
        string? Unknown(string name) => nodes.Contains(name)
            ? null
            : $"unknown node '{name}' (this run has {string.Join(", ", nodes.Order(StringComparer.Ordinal))})";

        var names = new List<string>();
        switch (fault.When)
        {
            case FaultTiming.AtTick { Tick: < 0 }:
                yield return "at: must be a tick of 0 or more";
                break;
            case FaultTiming.AfterEvent { Count: < 0 }:
                yield return "afterEvent: must be 0 or more";
                break;
            case FaultTiming.OnTrigger { Trigger: var trigger }:
                names.Add(trigger.Node);
                if (trigger.Peer is not null)
                {
                    names.Add(trigger.Peer);
                }

                break;
        }

        switch (fault.Do)
        {
            case FaultAction.Crash a: names.Add(a.Node); break;
            case FaultAction.Recover a: names.Add(a.Node); break;
            case FaultAction.VoteNo a: names.Add(a.Node); break;
            case FaultAction.Freeze a:
                names.Add(a.Node);
                if (a.Ticks is < 1 or > Scenarios.Scenario.MaxTimerTicks)
                {
                    yield return $"freeze lasts between 1 and {Scenarios.Scenario.MaxTimerTicks} ticks, not {a.Ticks}";
                }

                break;
            case FaultAction.Cut a: names.Add(a.From); names.Add(a.To); break;
            case FaultAction.Heal a: names.Add(a.From); names.Add(a.To); break;
            case FaultAction.Partition a:
                names.AddRange(a.Groups.SelectMany(g => g));
                if (a.Groups.Length < 2)
                {
                    yield return "partition needs at least two groups, as in 'partition L,P1 | P2,P3'";
                }

                break;
            case FaultAction.Drop or FaultAction.Delay:
                if (fault.Do is FaultAction.Delay { Ticks: < 1 or > Scenarios.Scenario.MaxTimerTicks })
                {
                    yield return $"delay lasts between 1 and {Scenarios.Scenario.MaxTimerTicks} ticks";
                }

                var messageId = fault.Do is FaultAction.Drop d ? d.MessageId : ((FaultAction.Delay)fault.Do).MessageId;
                if (messageId is null && fault.When is not FaultTiming.OnTrigger { Trigger.Kind: TriggerKind.Sends })
                {
                    yield return $"'{fault.Do.ToText()}' acts on the message that fired a 'sends' trigger, so it needs when: \"<node> sends <message>\"";
                }

                break;
        }

        foreach (var name in names)
        {
            if (Unknown(name) is { } problem)
            {
                yield return problem;
            }
        }
    }
}
