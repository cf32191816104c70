using System.Collections.Immutable;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// A Tahoe run as the Lab and the CLI read it: the one <see cref="Simulator"/> running the Tahoe
/// roles (<see cref="TahoeWriter"/>, <see cref="TahoeServer"/>, <see cref="TahoeReader"/>), with
/// the file's verdict and a snapshot in Tahoe's terms. It owns no time, queue, network or trace of
/// its own; every step is the simulator's.
/// </summary>
public sealed class TahoeSimulator
{
    private readonly Simulator sim;

    private TahoeSimulator(TahoeScenario scenario, Simulator sim)
    {
        Scenario = scenario;
        this.sim = sim;
    }

    public TahoeScenario Scenario { get; }

    /// <summary>The simulator underneath: its state value, snapshot, monitors and fault schedule.</summary>
    public Simulator Engine => sim;

    public Trace Trace => sim.Trace;

    /// <summary>Virtual time now (1 tick reads as 1 ms).</summary>
    public long Tick => sim.Tick;

    /// <summary>Events processed so far.</summary>
    public long Steps => sim.Events;

    public bool Finished => sim.Finished;

    /// <summary>Set when the run stopped at its event limit: the sentence saying so.</summary>
    public string? StopMessage => sim.StopMessage;

    /// <summary>Starts a run. Throws <see cref="ScenarioException"/> listing every problem when the scenario is out of bounds.</summary>
    public static TahoeSimulator Create(TahoeScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var problems = scenario.Validate();
        if (problems.Count > 0)
        {
            throw ScenarioException.FromProblems(problems);
        }

        return new TahoeSimulator(scenario, Simulator.Create(scenario.ToScenario()));
    }

    /// <summary>Processes one event. Returns false when the run is over.</summary>
    public bool Step() => sim.Step();

    /// <summary>Every event up to <paramref name="tick"/>, then the clock moves there (unless the run ended first).</summary>
    public void RunUntil(long tick) => sim.RunUntil(tick);

    public TahoeRunResult RunToEnd()
    {
        while (Step())
        {
        }

        return Result();
    }

    public TahoeRunResult Result() => TahoeRunResult.Of(sim);

    /// <summary>What the monitors say now.</summary>
    public TahoeVerdict Verdict() => TahoeVerdict.Of(sim.Scenario.Protocol, sim.Scenario.Tahoe!, sim.NodeNames, sim);

    /// <summary>Applies a fault now, as the Lab does when someone crashes a node by hand.</summary>
    public void Inject(TahoeFaultAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        sim.Inject(action.ToAction());
    }

    /// <summary>An immutable picture of the run now, for the Lab.</summary>
    public TahoeSnapshot Snapshot()
    {
        var settings = sim.Scenario.Tahoe!;
        var names = sim.NodeNames;
        var writerViews = Enumerable.Range(0, settings.Writers).Select(i =>
        {
            var s = (WriterState)sim.Shown(i)!;
            return new TahoeWriterView(names[i], sim.IsUp(i), s.Stage, s.Attempt, s.Proposed?.Label, s.Refusal, settings.StartOf(names[i]));
        }).ToImmutableArray();
        var serverViews = Enumerable.Range(settings.Writers, settings.Servers).Select(i =>
        {
            var s = (ServerState)sim.Shown(i)!;
            return new TahoeServerView(names[i], sim.IsUp(i), s.Current, s.Lock, s.Staged, [.. s.Logs.Where(e => e is not null).Select(e => e!.Writer)]);
        }).ToImmutableArray();
        TahoeReaderView? readerView = null;
        if (Scenario.Mode == TahoeMode.MagicFolder)
        {
            var known = ((ReaderState)sim.Shown(settings.Reader)!).Known;
            readerView = new TahoeReaderView(sim.IsUp(settings.Reader), [.. known.Where(e => e is not null).Select(e => e!.Writer)], MagicFolderMerge.Merge(known));
        }

        var world = sim.State();
        var messages = world.InFlight
            .Select(m => new TahoeMessageView(m.Id, names[m.Message.From], names[m.Message.To], m.Message.Kind, Protocols.Names.Of(m.Message.Kind) + m.Message.Body?.Label, m.SentAt, m.DeliverAt))
            .ToImmutableArray();
        var links = Enumerable.Range(0, names.Length)
            .SelectMany(from => Enumerable.Range(0, names.Length).Where(to => to != from && !world.LinkUp(from, to)).Select(to => (names[from], names[to])))
            .ToImmutableArray();
        return new TahoeSnapshot(sim.Tick, sim.Events, sim.Finished, Scenario.Mode, writerViews, serverViews, readerView, messages, links, Verdict(), sim.Finished ? sim.StopMessage : null);
    }

}
