using System.Diagnostics;
using System.Globalization;
using CommitLab.Engine.Exploration;
using CommitLab.Engine.Exploration.Scenarios;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Sharing;

namespace CommitLab.Web.Explore;

/// <summary>
/// The state behind the Explore page: the model and RM count being chosen, the search running on a
/// background task (one at a time per page, at most <see cref="ExplorationGate.Capacity"/> on the
/// server), its progress, and the finished result as verdicts, counts and, for small spaces, the
/// state graph. <see cref="Changed"/> is raised from the search's thread; the page marshals it.
/// A library scenario can be chosen instead of a model: its real protocol roles are explored within
/// fault budgets, and each counterexample is replayed into a Lab link.
/// </summary>
public sealed class ExploreViewModel(ExplorationGate gate, long maxStates = ExploreViewModel.DefaultMaxStates, ScenarioLibrary? library = null) : IDisposable
{
    /// <summary>How a library scenario's option value starts in the model picker.</summary>
    public const string ScenarioPrefix = "scenario:";

    public const int MinRms = 1;

    /// <summary>The engine takes 12, but 10 million states of TwoPhase with 9 RMs is already past the page's state limit.</summary>
    public const int MaxRms = 9;

    /// <summary>About 50 MB of tables: TwoPhase explores fully up to 7 RMs (296,448 states); 8 and 9 stop with "unknown".</summary>
    public const long DefaultMaxStates = 1_000_000;

    /// <summary>At most five progress renders a second: more is flicker, not information.</summary>
    public static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

    private readonly object sync = new();
    private CancellationTokenSource? cancellation;
    private long lastProgressTicks = long.MinValue;

    /// <summary>Raised (on any thread) when progress, the result or the running state changed.</summary>
    public event Action? Changed;

    public string ModelName { get; set; } = "tcommit-tla";

    public int Rms { get; set; } = 3;

    public static IReadOnlyList<ExploreModelChoice> Models => ExploreModelChoice.All;

    /// <summary>The library's 2PC and 3PC scenarios, offered beside the models.</summary>
    public IReadOnlyList<LibraryScenario> Scenarios => library is null ? [] : library.Scenarios;

    /// <summary>A library scenario is chosen rather than a reference model.</summary>
    public bool IsScenario => ModelName.StartsWith(ScenarioPrefix, StringComparison.Ordinal);

    public int Crashes { get; set; } = 1;

    public int Recoveries { get; set; }

    public int Drops { get; set; }

    public int Cuts { get; set; }

    /// <summary>What the chosen model or scenario is, in a sentence.</summary>
    public string Summary => IsScenario
        ? ChosenScenario()?.Description is { Length: > 0 } description ? description : "A scenario from the library: its protocol, explored within the fault budgets."
        : Models.FirstOrDefault(choice => choice.Name == ModelName)?.Summary ?? "";

    /// <summary>Each violated property of a scenario, with the Lab link that plays its shortest run.</summary>
    public IReadOnlyList<CounterexampleLink> Counterexamples { get; private set; } = [];

    /// <summary>Chooses a library scenario and budgets, as a lesson's link does (<c>/explore?scenario=...&amp;crashes=1</c>); false if there is no such scenario.</summary>
    public bool Preselect(string name, int? crashes, int? recoveries, int? drops, int? cuts)
    {
        if (library?.Find(name) is not { } found)
        {
            Error = $"There is no library scenario named '{name}'.";
            return false;
        }

        ModelName = ScenarioPrefix + found.Name;
        Crashes = crashes ?? Crashes;
        Recoveries = recoveries ?? Recoveries;
        Drops = drops ?? Drops;
        Cuts = cuts ?? Cuts;
        return true;
    }

    private LibraryScenario? ChosenScenario() => IsScenario ? library?.Find(ModelName[ScenarioPrefix.Length..]) : null;

    public long MaxStates { get; } = maxStates;

    /// <summary>Why the last Run was refused or failed, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Set when the search was cancelled: what the page says instead of a result.</summary>
    public string? Notice { get; private set; }

    public bool Running { get; private set; }

    public ExplorationProgress? Progress { get; private set; }

    public ExplorationResult? Result { get; private set; }

    public IReadOnlyList<VerdictView> Verdicts { get; private set; } = [];

    /// <summary>The drawing, for spaces of at most <see cref="StateGraph.MaxStates"/> states.</summary>
    public StateGraph? Graph { get; private set; }

    /// <summary>The state ids on the highlighted counterexample (the first violated property's unless another is chosen).</summary>
    public IReadOnlyList<int> Path { get; private set; } = [];

    /// <summary>The violated properties whose shortest run can be highlighted in the graph, in the order of the verdicts.</summary>
    public IReadOnlyList<VerdictView> PathChoices => Graph is null ? [] : [.. Verdicts.Where(verdict => verdict.Counterexample is not null)];

    /// <summary>The property whose counterexample <see cref="Path"/> follows, or null.</summary>
    public string? Highlighted { get; private set; }

    public string? HighlightedTitle => Verdicts.FirstOrDefault(verdict => verdict.Name == Highlighted)?.Title.ToLowerInvariant();

    /// <summary>
    /// When a scenario blocks, says how the shortest blocked run differs from the shortest one after
    /// L has logged COMMIT, the case the lecture dwells on: both leave the participants uncertain,
    /// and the first is shorter because L need not decide at all. Null when there is nothing to compare.
    /// </summary>
    public string? BlockingNote
    {
        get
        {
            var any = Verdicts.FirstOrDefault(verdict => verdict.Name == "nonblocking")?.Counterexample;
            var afterCommit = Verdicts.FirstOrDefault(verdict => verdict.Name == "blocked-commit")?.Counterexample;
            if (any is null || afterCommit is null)
            {
                return null;
            }

            return any.Length == afterCommit.Length
                ? $"The shortest blocked run takes {any.Length} steps and ends with L's COMMIT in its log."
                : $"The shortest blocked run takes {any.Length} steps and ends before L has decided anything. " +
                  $"The shortest one where L has logged COMMIT, the case the lecture dwells on, takes {afterCommit.Length}: the votes must arrive first. " +
                  "Both block in the same way: every participant has voted yes, L is down, and none of them may decide alone.";
        }
    }

    /// <summary>Highlights the shortest run that breaks <paramref name="property"/> in the graph; false if it has none.</summary>
    public bool Highlight(string property)
    {
        if (Graph is null || Verdicts.FirstOrDefault(verdict => verdict.Name == property)?.Counterexample is not { } counterexample)
        {
            return false;
        }

        Highlighted = property;
        Path = Graph.PathOf(counterexample);
        return true;
    }

    public StateNode? Selected { get; private set; }

    /// <summary>What is being explored, e.g. "TCommit.tla with 3 RMs".</summary>
    public string? Subject { get; private set; }

    public string ProgressText => Progress is { } p
        ? string.Create(CultureInfo.InvariantCulture, $"{p.DistinctStates:N0} state{(p.DistinctStates == 1 ? "" : "s")}, depth {p.Depth}, {p.StatesPerSecond:N0} states per second")
        : "Starting…";

    /// <summary>Counts as label/value pairs, in the order the page lists them.</summary>
    public IReadOnlyList<(string Label, string Value)> Counts => Result is not { } r
        ? []
        :
        [
            ("Distinct states", r.DistinctStates.ToString("N0", CultureInfo.InvariantCulture)),
            ("Transitions", r.Transitions.ToString("N0", CultureInfo.InvariantCulture)),
            ("Depth", r.Depth.ToString(CultureInfo.InvariantCulture)),
            ("Time", Time(r.Elapsed)),
            ("States per second", r.StatesPerSecond.ToString("N0", CultureInfo.InvariantCulture)),
            ("Memory", Memory(r.PeakBytes)),
        ];

    /// <summary>Why a run with these choices cannot start, or null.</summary>
    public string? Problem()
    {
        if (IsScenario)
        {
            if (ChosenScenario() is not { } chosen)
            {
                return $"There is no library scenario named '{ModelName[ScenarioPrefix.Length..]}'.";
            }

            var problems = ScenarioModel.Problems(chosen.Scenario, new ExplorationBudgets(Crashes, Recoveries, Drops, Cuts));
            return problems.Count == 0 ? null : string.Join("; ", problems.Select(problem => problem.Replace("--", "", StringComparison.Ordinal))) + ".";
        }

        if (Models.All(choice => choice.Name != ModelName))
        {
            return $"Choose TCommit.tla or TwoPhase.tla; '{ModelName}' is not a model the page explores.";
        }

        if (Rms is < MinRms or > MaxRms)
        {
            return $"The page explores {MinRms} to {MaxRms} RMs, not {Rms}: beyond that the space is tens of millions of states. " +
                "The command line (commitlab explore) goes up to 12.";
        }

        return null;
    }

    /// <summary>Explores the chosen reference model; refuses bad choices, a second run and a full server with a message.</summary>
    public Task RunAsync()
    {
        if (Problem() is { } problem)
        {
            Error = problem;
            return Task.CompletedTask;
        }

        if (ChosenScenario() is { } chosen)
        {
            var budgets = new ExplorationBudgets(Crashes, Recoveries, Drops, Cuts);
            // With the ways to block as properties of their own, one search also finds the shortest
            // blocked run after L has logged COMMIT, beside the shortest blocked run of all.
            var scenarioModel = ScenarioModel.Create(chosen.Scenario, budgets, waysToBlock: true);
            return ExploreCoreAsync(
                scenarioModel,
                $"“{chosen.Title}” with {budgets.Describe()}",
                token => StateGraph.TryBuild(scenarioModel, StateGraph.ScenarioDetailsOf, token),
                (result, token) => Links(scenarioModel, result, token));
        }

        var model = ReferenceModels.TryCreate(ModelName, Rms, out var error);
        if (model is null)
        {
            Error = error;
            return Task.CompletedTask;
        }

        var label = Models.First(choice => choice.Name == ModelName).Label;
        return ExploreAsync(model, $"{label} with {Rms} RM{(Rms == 1 ? "" : "s")}");
    }

    /// <summary>Explores any model of packed states; <see cref="RunAsync"/> uses it, and tests give it a broken TM.</summary>
    public Task ExploreAsync(IModel<ulong> model, string subject)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ExploreCoreAsync(model, subject, token => StateGraph.TryBuild(model, token), null);
    }

    /// <summary>Replays each counterexample in the simulator and packs it into a Lab link opening where the path ends.</summary>
    private static List<CounterexampleLink> Links(ScenarioModel model, ExplorationResult result, CancellationToken cancellation)
    {
        var links = new List<CounterexampleLink>();
        foreach (var verdict in result.Verdicts.Where(verdict => verdict.Counterexample is not null))
        {
            cancellation.ThrowIfCancellationRequested();
            var title = VerdictView.From(verdict, result.DistinctStates).Title;
            var replay = CounterexampleReplay.Replay(model, verdict.Name, verdict.Counterexample!);
            var link = replay.Reproduced ? ShareLink.Create(replay.Scenario, new TimelinePosition(replay.PathEvents, replay.PathTick)) : null;
            var problem = !replay.Reproduced ? $"The simulator could not be made to follow this path: {replay.Problem}." :
                link is null ? ShareLink.TooLongHint : null;
            links.Add(new CounterexampleLink(verdict.Name, title, verdict.Counterexample!.Length, link, problem));
        }

        return links;
    }

    private async Task ExploreCoreAsync<TState>(
        IModel<TState> model,
        string subject,
        Func<CancellationToken, StateGraph?>? drawGraph,
        Func<ExplorationResult, CancellationToken, IReadOnlyList<CounterexampleLink>>? links)
        where TState : struct, IEquatable<TState>
    {
        CancellationTokenSource source;
        lock (sync)
        {
            if (Running)
            {
                Error = "An exploration is already running on this page: wait for it or cancel it.";
                return;
            }

            Running = true;
            source = cancellation = new CancellationTokenSource();
        }

        using var lease = gate.TryEnter();
        if (lease is null)
        {
            lock (sync)
            {
                Running = false;
                cancellation = null;
            }

            source.Dispose();
            Error = "The server is busy with other explorations: try again in a moment.";
            return;
        }

        Error = null;
        Notice = null;
        Progress = null;
        Result = null;
        Verdicts = [];
        Graph = null;
        Counterexamples = [];
        Path = [];
        Highlighted = null;
        Selected = null;
        Subject = subject;
        Changed?.Invoke();
        try
        {
            // One worker per search: the gate already lets as many searches run as there are cores.
            var options = new ExplorerOptions { MaxStates = MaxStates, Parallelism = 1, ProgressInterval = ProgressInterval };
            var (result, graph, counterexamples) = await Task.Run(
                () =>
                {
                    var explored = Explorer.Explore(model, options, new Reporter(this), source.Token);
                    var drawn = explored.Complete && explored.DistinctStates <= StateGraph.MaxStates ? drawGraph?.Invoke(source.Token) : null;
                    return (explored, drawn, links?.Invoke(explored, source.Token) ?? []);
                },
                source.Token);
            Result = result;
            Counterexamples = counterexamples;
            Verdicts = [.. result.Verdicts.Select(verdict => VerdictView.From(verdict, result.DistinctStates))];
            Graph = graph;
            if (PathChoices is [var first, ..])
            {
                Highlight(first.Name);
            }
        }
        catch (OperationCanceledException)
        {
            Notice = "Cancelled: the search stopped before it finished, so it shows no verdict.";
        }
        finally
        {
            lock (sync)
            {
                Running = false;
                cancellation = null;
            }

            source.Dispose();
        }

        Changed?.Invoke();
    }

    /// <summary>Stops the running search, if any; it ends with <see cref="Notice"/> set.</summary>
    public void Cancel()
    {
        lock (sync)
        {
            cancellation?.Cancel();
        }
    }

    /// <summary>Shows (or, on the same state, hides) one state's details.</summary>
    public void Select(int id) =>
        Selected = Selected?.Id == id || Graph is null || id < 0 || id >= Graph.Nodes.Count ? null : Graph.Nodes[id];

    public bool OnPath(int id) => Path.Contains(id);

    public bool OnPath(StateEdge edge)
    {
        for (var i = 1; i < Path.Count; i++)
        {
            if (Path[i - 1] == edge.From && Path[i] == edge.To)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Leaving the page cancels its search.</summary>
    public void Dispose() => Cancel();

    private static string Time(TimeSpan elapsed) => elapsed.TotalSeconds switch
    {
        < 0.01 => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:N2} ms"),
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:N0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:N2} s"),
    };

    private static string Memory(long bytes) => bytes < 1 << 20
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:N0} KB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):N1} MB");

    private void OnProgress(ExplorationProgress progress)
    {
        Progress = progress;
        var now = Stopwatch.GetTimestamp();
        var last = Interlocked.Read(ref lastProgressTicks);
        if (last != long.MinValue && Stopwatch.GetElapsedTime(last, now) < ProgressInterval)
        {
            return;
        }

        Interlocked.Exchange(ref lastProgressTicks, now);
        Changed?.Invoke();
    }

    /// <summary>Reports on the search's own thread; <see cref="Progress{T}"/> would post to a context the page does not want.</summary>
    private sealed class Reporter(ExploreViewModel owner) : IProgress<ExplorationProgress>
    {
        public void Report(ExplorationProgress value) => owner.OnProgress(value);
    }
}
