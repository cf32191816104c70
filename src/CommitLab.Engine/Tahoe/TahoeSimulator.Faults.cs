namespace CommitLab.Engine.Tahoe;

public sealed partial class TahoeSimulator
{
    /// <summary>Applies a fault now, as the Lab does when someone crashes a node by hand.</summary>
    public void Inject(TahoeFaultAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        foreach (var node in action.Nodes())
        {
            if (!names.Contains(node))
            {
                throw new ArgumentException($"unknown node '{node}'; this run has {string.Join(", ", names)}", nameof(action));
            }
        }

        ApplyAction(action, null);
    }

    private void Apply(TahoeFault fault) => ApplyAction(fault.Do, null);

    private void FireSendTriggers(InFlight message)
    {
        for (var i = 0; i < scenario.Faults.Length; i++)
        {
            if (fired[i] || scenario.Faults[i].When is not TahoeFaultTiming.OnSend on)
            {
                continue;
            }

            if (on.From == names[message.From] && on.Message == message.Message.Kind && (on.To is null || on.To == names[message.To]))
            {
                fired[i] = true;
                ApplyAction(scenario.Faults[i].Do, message);
            }
        }
    }

    private void ApplyAction(TahoeFaultAction action, InFlight? trigger)
    {
        Record(TahoeTraceKind.Fault, text: action.ToText());
        switch (action)
        {
            case TahoeFaultAction.Crash crash:
                Crash(names.IndexOf(crash.Node));
                break;
            case TahoeFaultAction.Recover recover:
                Recover(names.IndexOf(recover.Node));
                break;
            case TahoeFaultAction.Cut c:
                CutLink(names.IndexOf(c.From), names.IndexOf(c.To));
                if (c.BothWays)
                {
                    CutLink(names.IndexOf(c.To), names.IndexOf(c.From));
                }

                break;
            case TahoeFaultAction.Heal h:
                HealLink(names.IndexOf(h.From), names.IndexOf(h.To));
                if (h.BothWays)
                {
                    HealLink(names.IndexOf(h.To), names.IndexOf(h.From));
                }

                break;
            case TahoeFaultAction.HealAll:
                cut.Clear();
                Record(TahoeTraceKind.HealAll);
                break;
            case TahoeFaultAction.Drop when trigger is not null:
                Drop(trigger, "dropped by a fault");
                break;
        }
    }

    private void Crash(int node)
    {
        if (!up[node])
        {
            return;
        }

        up[node] = false;
        epochs[node]++;
        busyUntil[node] = 0;
        foreach (var key in timers.Keys.Where(k => k.Node == node).ToList())
        {
            timers.Remove(key);
        }

        // What a crashed node shows is what it can recover: its durable state.
        states[node] = durable[node];
        Record(TahoeTraceKind.Crash, node);
    }

    private void Recover(int node)
    {
        if (up[node])
        {
            return;
        }

        up[node] = true;
        Record(TahoeTraceKind.Recover, node);
        var context = contexts[node];
        if (node < writers)
        {
            var wasStarted = started[node];
            Handle(node, o => TahoeWriter.OnRecover(context, (WriterState)durable[node], wasStarted, o));
        }
        else if (node == reader)
        {
            Handle(node, o => started[node] ? TahoeReader.OnRecover(context, writers, o) : ReaderState.Initial(writers));
        }
        else
        {
            Handle(node, _ => durable[node]);
        }
    }

    private void CutLink(int from, int to)
    {
        if (!cut.Add((from, to)))
        {
            return;
        }

        Record(TahoeTraceKind.Cut, from, to);
        foreach (var message in inFlight.Values.Where(m => m.From == from && m.To == to).ToList())
        {
            Drop(message, "link cut");
        }
    }

    private void HealLink(int from, int to)
    {
        if (cut.Remove((from, to)))
        {
            Record(TahoeTraceKind.Heal, from, to);
        }
    }
}
