using System.Collections.Immutable;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Runs a <see cref="TahoeScenario"/> deterministically: virtual ticks, one seeded PRNG (the engine's
/// xoshiro256**), the engine's event queue ordered by (tick, sequence), a network of directed links,
/// and the fault schedule. Nodes are the pure handlers <see cref="TahoeWriter"/>, <see cref="TahoeServer"/>
/// and <see cref="TahoeReader"/>; this class only delivers their inputs and carries out their effects.
/// </summary>
public sealed partial class TahoeSimulator
{
    private readonly TahoeScenario scenario;
    private readonly Prng prng;
    private readonly EventQueue queue = new();
    private readonly TahoeOutbox outbox = new();
    private readonly ImmutableArray<string> names;
    private readonly TahoeContext[] contexts;
    private readonly object[] states;
    private readonly object[] durable;
    private readonly bool[] up;
    private readonly bool[] started;
    private readonly long[] busyUntil;
    private readonly int[] epochs;
    private readonly Dictionary<(int Node, TahoeTimer Timer), long> timers = [];
    private readonly HashSet<(int From, int To)> cut = [];
    private readonly SortedDictionary<long, InFlight> inFlight = [];
    private readonly bool[] fired;
    private readonly int writers;
    private readonly int servers;
    private readonly int reader;
    private long nextMessageId = 1;
    private long nextTimerId = 1;
    private int sent;
    private int delivered;
    private int dropped;
    private int timedFaultsLeft;

    private TahoeSimulator(TahoeScenario scenario)
    {
        this.scenario = scenario;
        prng = new Prng(scenario.Seed);
        names = scenario.NodeNames();
        writers = scenario.Writers;
        servers = scenario.Servers;
        reader = scenario.Mode == TahoeMode.MagicFolder ? writers + servers : -1;
        Trace = new TahoeTrace(names);
        var serverIds = Enumerable.Range(writers, servers).ToImmutableArray();
        contexts = [.. Enumerable.Range(0, names.Length).Select(i => new TahoeContext(scenario.Mode, i, names, serverIds, scenario.Retry, scenario.ResendTicks, scenario.PollTicks))];
        states = new object[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            states[i] = i < writers ? WriterState.Initial : i == reader ? ReaderState.Initial(writers) : ServerState.Initial(writers);
        }

        durable = (object[])states.Clone();
        up = [.. Enumerable.Repeat(true, names.Length)];
        started = new bool[names.Length];
        busyUntil = new long[names.Length];
        epochs = new int[names.Length];
        fired = new bool[scenario.Faults.Length];

        // Timed faults go in first, so a fault at tick T comes before anything else at T.
        for (var i = 0; i < scenario.Faults.Length; i++)
        {
            if (scenario.Faults[i].When is TahoeFaultTiming.AtTick at)
            {
                queue.Push(at.Tick, EventKind.Fault, -1, i);
                timedFaultsLeft++;
            }
        }

        for (var w = 0; w < writers; w++)
        {
            queue.Push(scenario.StartOf(names[w]), EventKind.Notify, w);
        }

        if (reader >= 0)
        {
            queue.Push(0, EventKind.Notify, reader);
        }
    }

    public TahoeScenario Scenario => scenario;

    public TahoeTrace Trace { get; }

    /// <summary>Virtual time now (1 tick reads as 1 ms).</summary>
    public long Tick { get; private set; }

    /// <summary>Events processed so far.</summary>
    public long Steps { get; private set; }

    /// <summary>Starts a run. Throws <see cref="ScenarioException"/> listing every problem when the scenario is out of bounds.</summary>
    public static TahoeSimulator Create(TahoeScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var problems = scenario.Validate();
        if (problems.Count > 0)
        {
            throw ScenarioException.FromProblems(problems);
        }

        return new TahoeSimulator(scenario);
    }

    /// <summary>
    /// True once every writer has finished, nothing but the reader's polls is in flight, no timed fault
    /// is left and (magic folder) the reader has read every entry a live server holds; or at maxTicks.
    /// </summary>
    public bool Finished => StopMessage is not null || Settled() || Tick >= scenario.MaxTicks || queue.Count == 0;

    /// <summary>Set when the run stopped at its event limit (<see cref="TahoeScenario.MaxEvents"/>): the sentence saying so.</summary>
    public string? StopMessage { get; private set; }

    /// <summary>Processes one event. Returns false when the run is over.</summary>
    public bool Step()
    {
        if (Finished)
        {
            return false;
        }

        var next = queue.Peek();
        if (next.Tick > scenario.MaxTicks)
        {
            Tick = scenario.MaxTicks;
            return false;
        }

        if (Steps >= scenario.MaxEvents)
        {
            StopMessage = Simulator.EventLimitMessage(scenario.MaxEvents, Tick);
            return false;
        }

        queue.Pop();
        Tick = next.Tick;
        Steps++;
        Process(next);
        return true;
    }

    /// <summary>Every event up to <paramref name="tick"/>, then the clock moves there (unless the run ended first).</summary>
    public void RunUntil(long tick)
    {
        while (!Finished && queue.Count > 0 && queue.Peek().Tick <= tick && Step())
        {
        }

        if (!Finished)
        {
            Tick = Math.Max(Tick, Math.Min(tick, scenario.MaxTicks));
        }
    }

    public TahoeRunResult RunToEnd()
    {
        while (Step())
        {
        }

        return Result();
    }

    public TahoeRunResult Result()
    {
        var verdict = Verdict();
        var finals = Enumerable.Range(writers, servers)
            .Select(i => KeyValuePair.Create(names[i], !up[i] ? "down" : scenario.Mode == TahoeMode.MagicFolder ? LogsLabel((ServerState)states[i]) : ((ServerState)states[i]).Current.Label))
            .ToImmutableArray();
        var writerPhases = Enumerable.Range(0, writers)
            .Select(i => KeyValuePair.Create(names[i], up[i] ? WriterPhases.Name(((WriterState)states[i]).Phase) : "down"))
            .ToImmutableArray();
        return new TahoeRunResult(verdict.Outcome, verdict, finals, writerPhases, new MessageCounts(sent, delivered, dropped), Tick, Steps, Trace.Hash(), Settled(), StopMessage);
    }

    /// <summary>What the monitors say now.</summary>
    public TahoeVerdict Verdict()
    {
        var writerViews = Enumerable.Range(0, writers).Select(i => (names[i], (WriterState)states[i], up[i])).ToList();
        var live = Enumerable.Range(writers, servers).Where(i => up[i]).Select(i => (names[i], (ServerState)states[i])).ToList();
        return TahoeVerdict.Evaluate(scenario.Mode, writerViews, live, reader >= 0 ? MagicFolderMerge.Merge(((ReaderState)states[reader]).Known) : null);
    }

    private static string LogsLabel(ServerState s) =>
        s.Logs.All(e => e is null) ? "no edits" : string.Join("+", s.Logs.Where(e => e is not null).Select(e => e!.Writer));

    private bool Settled()
    {
        // The reader's polls never stop and change nothing, so they do not keep a run going.
        if (timedFaultsLeft > 0 || inFlight.Values.Any(m => m.From != reader && m.To != reader))
        {
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (busyUntil[i] > Tick)
            {
                return false;
            }
        }

        for (var w = 0; w < writers; w++)
        {
            if (!up[w] || !WriterPhases.IsFinal(((WriterState)states[w]).Phase))
            {
                return false;
            }
        }

        if (reader < 0)
        {
            return true;
        }

        // The magic folder is settled once the reader has read every entry any live server holds.
        if (!up[reader])
        {
            return false;
        }

        var known = ((ReaderState)states[reader]).Known;
        for (var i = writers; i < writers + servers; i++)
        {
            if (!up[i])
            {
                continue;
            }

            var logs = ((ServerState)states[i]).Logs;
            for (var w = 0; w < writers; w++)
            {
                if (logs[w] is not null && known[w] is null)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private void Process(in ScheduledEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.Notify:
                // A node's start: a writer's start tick, or the reader's first poll timer.
                Start(e.Node);
                break;
            case EventKind.Deliver:
                Deliver(e);
                break;
            case EventKind.Timer:
                FireTimer(e);
                break;
            case EventKind.Continue:
                Continue(e.Node, (PendingWrite)e.Payload!);
                break;
            case EventKind.Fault:
                timedFaultsLeft--;
                Apply(scenario.Faults[(int)e.A]);
                break;
        }
    }

    private void Start(int node)
    {
        started[node] = true;
        if (!up[node])
        {
            return;
        }

        if (node == reader)
        {
            Handle(node, o => TahoeReader.OnStart(contexts[node], (ReaderState)states[node], o));
        }
        else
        {
            Handle(node, o => TahoeWriter.OnStart(contexts[node], (WriterState)states[node], o));
        }
    }

    private void Deliver(in ScheduledEvent e)
    {
        if (!inFlight.TryGetValue(e.A, out var message))
        {
            return;
        }

        var to = message.To;
        if (message.Lost)
        {
            Drop(message, "lost by the network");
            return;
        }

        if (!up[to])
        {
            Drop(message, "receiver down");
            return;
        }

        // A node busy with a forced write takes its mail when the write is done.
        if (busyUntil[to] > Tick)
        {
            queue.Push(busyUntil[to], EventKind.Deliver, to, e.A);
            return;
        }

        inFlight.Remove(e.A);
        delivered++;
        Record(TahoeTraceKind.Deliver, to, message.From, message.Id, text: message.Message.Label);
        var from = message.From;
        var m = message.Message;
        if (to < writers)
        {
            Handle(to, o => TahoeWriter.OnMessage(contexts[to], (WriterState)states[to], from, m, o));
        }
        else if (to == reader)
        {
            Handle(to, _ => TahoeReader.OnMessage((ReaderState)states[to], m));
        }
        else
        {
            Handle(to, o => TahoeServer.OnMessage(contexts[to], (ServerState)states[to], from, m, o));
        }
    }

    private void FireTimer(in ScheduledEvent e)
    {
        var node = e.Node;
        var timer = (TahoeTimer)e.B;
        if (!timers.TryGetValue((node, timer), out var id) || id != e.A || !up[node])
        {
            return;
        }

        if (busyUntil[node] > Tick)
        {
            queue.Push(busyUntil[node], EventKind.Timer, node, e.A, e.B);
            return;
        }

        timers.Remove((node, timer));
        Record(TahoeTraceKind.Timer, node, text: timer.ToString().ToLowerInvariant());
        if (node == reader)
        {
            Handle(node, o => TahoeReader.OnTimer(contexts[node], (ReaderState)states[node], timer, o));
        }
        else
        {
            Handle(node, o => TahoeWriter.OnTimer(contexts[node], (WriterState)states[node], timer, o));
        }
    }

    /// <summary>Runs one handler, records what changed, and carries out its effects in order.</summary>
    private void Handle(int node, Func<TahoeOutbox, object> handler)
    {
        outbox.Clear();
        var before = states[node];
        var after = handler(outbox);
        states[node] = after;
        RecordChanges(node, before, after);
        Carry(node, after, [.. outbox.Effects], 0);
    }

    private void Carry(int node, object state, IReadOnlyList<TahoeEffect> effects, int from)
    {
        for (var i = from; i < effects.Count; i++)
        {
            switch (effects[i])
            {
                case TahoeEffect.Send send:
                    Send(node, send.To, send.Message);
                    break;
                case TahoeEffect.SetTimer set:
                    var id = nextTimerId++;
                    timers[(node, set.Timer)] = id;
                    queue.Push(Tick + prng.NextInclusive(set.Min, set.Max), EventKind.Timer, node, id, (long)set.Timer);
                    break;
                case TahoeEffect.Persist { Forced: true } persist when scenario.ForcedWriteTicks > 0:
                    busyUntil[node] = Tick + scenario.ForcedWriteTicks;
                    queue.Push(busyUntil[node], EventKind.Continue, node, payload: new PendingWrite(epochs[node], state, persist.Record, effects, i + 1));
                    return;
                case TahoeEffect.Persist persist:
                    durable[node] = state;
                    Record(TahoeTraceKind.Log, node, value: persist.Forced ? 1 : 0, text: persist.Record);
                    break;
            }
        }
    }

    private void Continue(int node, PendingWrite write)
    {
        // A crash during the write loses it: the node recovers from what was durable before.
        if (write.Epoch != epochs[node])
        {
            return;
        }

        busyUntil[node] = 0;
        durable[node] = write.State;
        Record(TahoeTraceKind.Log, node, value: 1, text: write.Record);
        Carry(node, write.State, write.Effects, write.Next);
    }

    private void Send(int from, int to, TahoeMessage message)
    {
        var id = nextMessageId++;
        sent++;
        // Both draws happen for every message, so changing the loss rate never shifts the latencies.
        var arrives = Tick + prng.NextInclusive(scenario.Network.LatencyMin, scenario.Network.LatencyMax);
        var lost = prng.NextDouble() < scenario.Network.Loss;
        var flight = new InFlight(id, from, to, message, Tick, arrives, lost);
        inFlight[id] = flight;
        Record(TahoeTraceKind.Send, from, to, id, arrives, message.Label);
        if (cut.Contains((from, to)))
        {
            Drop(flight, "link cut");
            return;
        }

        queue.Push(arrives, EventKind.Deliver, to, id);
        FireSendTriggers(flight);
    }

    private void Drop(InFlight message, string reason)
    {
        if (inFlight.Remove(message.Id))
        {
            dropped++;
            Record(TahoeTraceKind.Drop, message.To, message.From, message.Id, text: reason);
        }
    }

    private void Record(TahoeTraceKind kind, int node = -1, int peer = -1, long messageId = 0, long value = 0, string? text = null) =>
        Trace.Add(new TahoeTraceEvent(0, Tick, Steps, kind, node, peer, messageId, value, text));

    /// <summary>A message on the wire; <see cref="Lost"/> is drawn when it is sent, and it vanishes when it would have arrived.</summary>
    private sealed record InFlight(long Id, int From, int To, TahoeMessage Message, long SentAt, long ArrivesAt, bool Lost);

    /// <summary>A forced write under way: the state it makes durable and the effects waiting for it.</summary>
    private sealed record PendingWrite(int Epoch, object State, string Record, IReadOnlyList<TahoeEffect> Effects, int Next);
}
