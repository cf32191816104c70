using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Engine.Tahoe;

/// <summary>
/// Everything that determines a Tahoe run: several writers (W1..Wn) updating one mutable file whose
/// shares live on storage servers (S1..Sm), plus, in the magic folder, a reader R. The same scenario
/// always produces the same trace, byte for byte. It is user input (files, the Lab), so
/// <see cref="Validate"/> bounds every number.
/// </summary>
public sealed record TahoeScenario
{
    public const int MinWriters = TahoeSettings.MinWriters;
    public const int MaxWriters = TahoeSettings.MaxWriters;
    public const int MaxServers = TahoeSettings.MaxServers;

    public string Title { get; init; } = "Untitled Tahoe scenario";

    public TahoeMode Mode { get; init; } = TahoeMode.TwoPhase;

    public int Writers { get; init; } = 2;

    public int Servers { get; init; } = 3;

    public ulong Seed { get; init; } = 1;

    public NetworkSettings Network { get; init; } = new(10, 40, 0.0);

    /// <summary>The tick each writer starts its update; writers not listed start at 0.</summary>
    public ImmutableSortedDictionary<string, long> Starts { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    public TahoeRetry Retry { get; init; } = new();

    /// <summary>Ticks a writer waits for answers before asking again the servers that have not answered.</summary>
    public int ResendTicks { get; init; } = 100;

    /// <summary>Ticks between two reads of the magic-folder reader.</summary>
    public int PollTicks { get; init; } = 60;

    public int ForcedWriteTicks { get; init; } = 5;

    public long MaxTicks { get; init; } = 10_000;

    /// <summary>The run stops after this many events if it has not finished (the same bound as 2PC/3PC runs: <see cref="Scenario.MaxEvents"/>).</summary>
    public long MaxEvents { get; init; } = Scenario.DefaultMaxEvents;

    public ImmutableArray<TahoeFault> Faults { get; init; } = [];

    public TahoeExpectation? Expect { get; init; }

    /// <summary>Node names in index order: the writers, the servers, then R in the magic folder (as the simulator names them).</summary>
    public ImmutableArray<string> NodeNames() => ToScenario().NodeNames();

    public long StartOf(string writer) => Starts.TryGetValue(writer, out var tick) ? tick : 0;

    /// <summary>The scenario the one simulator runs: the Tahoe protocol of this mode, with its tahoe section.</summary>
    public Scenario ToScenario() => new()
    {
        Title = Title,
        Protocol = TahoeModes.Protocol(Mode),
        Seed = Seed,
        Network = Network,
        ForcedWriteTicks = ForcedWriteTicks,
        MaxTicks = MaxTicks,
        MaxEvents = MaxEvents,
        Tahoe = new TahoeSettings { Writers = Writers, Servers = Servers, Starts = Starts, Retry = Retry, ResendTicks = ResendTicks, PollTicks = PollTicks },
        Faults = [.. Faults.Select(f => f.ToScheduled())],
        Expect = Expect is { } e ? new Expectation(Messages: e.Messages, Tahoe: e.Outcome) : null,
    };

    /// <summary>
    /// The Tahoe view of a scenario <see cref="ScenarioParser"/> read. Throws a
    /// <see cref="ScenarioException"/> for a file that is not a Tahoe run, or whose faults a Tahoe run
    /// does not take (only crash, recover, cut, heal and drop, at a tick or when a node sends).
    /// </summary>
    public static TahoeScenario From(Scenario scenario, string file)
    {
        if (scenario.Tahoe is not { } tahoe)
        {
            throw new ScenarioException([new ScenarioError(file, 1, 1, $"this is a {Names.Of(scenario.Protocol)} scenario, not a Tahoe-LAFS one", "say 'protocol: tahoe-2pc' (or tahoe-uncoordinated, tahoe-magic-folder) with a 'tahoe:' section")]);
        }

        var faults = ImmutableArray.CreateBuilder<TahoeFault>(scenario.Faults.Length);
        var errors = new List<ScenarioError>();
        foreach (var fault in scenario.Faults)
        {
            if (TahoeFault.From(fault) is { } converted)
            {
                faults.Add(converted);
            }
            else
            {
                errors.Add(new ScenarioError(file, Math.Max(1, fault.Line), 1, $"a Tahoe run does not take the fault '{fault.Do.ToText()}' {Describe(fault.When)}", "Tahoe faults are crash, recover, cut, heal and drop, at: <tick> or when: \"<node> sends <message>\""));
            }
        }

        if (errors.Count > 0)
        {
            throw new ScenarioException(errors);
        }

        return new TahoeScenario
        {
            Title = scenario.Title,
            Mode = TahoeModes.Of(scenario.Protocol),
            Writers = tahoe.Writers,
            Servers = tahoe.Servers,
            Seed = scenario.Seed,
            Network = scenario.Network,
            Starts = tahoe.Starts,
            Retry = tahoe.Retry,
            ResendTicks = tahoe.ResendTicks,
            PollTicks = tahoe.PollTicks,
            ForcedWriteTicks = scenario.ForcedWriteTicks,
            MaxTicks = scenario.MaxTicks,
            MaxEvents = scenario.MaxEvents,
            Faults = faults.ToImmutable(),
            Expect = scenario.Expect is { } expect ? new TahoeExpectation(expect.Tahoe, expect.Messages) : null,
        };
    }

    private static string Describe(Faults.FaultTiming when) => when switch
    {
        Faults.FaultTiming.AtTick at => $"at {at.Tick}",
        Faults.FaultTiming.OnTrigger on => $"when \"{on.Trigger.ToText()}\"",
        _ => "after a count of events",
    };

    /// <summary>Every problem with the scenario; empty when it can run. Each problem starts with the key it is about.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Writers is < MinWriters or > MaxWriters)
        {
            problems.Add($"writers must be between {MinWriters} and {MaxWriters}, not {Writers}");
        }

        if (Servers is < 1 or > MaxServers)
        {
            problems.Add($"servers must be between 1 and {MaxServers}, not {Servers}");
        }

        if (Title.Length > ScenarioParser.MaxTitleLength)
        {
            problems.Add($"title is {Title.Length} characters long; at most {ScenarioParser.MaxTitleLength} are allowed");
        }

        if (Network.LatencyMin < 1 || Network.LatencyMax < Network.LatencyMin || Network.LatencyMax > Scenario.MaxTimerTicks)
        {
            problems.Add($"network latency must be a range [min, max] with 1 <= min <= max <= {Scenario.MaxTimerTicks}, not [{Network.LatencyMin}, {Network.LatencyMax}]");
        }

        if (double.IsNaN(Network.Loss) || Network.Loss is < 0 or > 1)
        {
            problems.Add($"network loss must be a probability between 0 and 1, not {Network.Loss}");
        }

        CheckTicks(problems, "resend", ResendTicks, 1);
        CheckTicks(problems, "poll", PollTicks, 1);
        CheckTicks(problems, "forcedWrite", ForcedWriteTicks, 0);
        CheckTicks(problems, "retry.backoff min", Retry.BackoffMin, 1);
        CheckTicks(problems, "retry.backoff max", Retry.BackoffMax, Retry.BackoffMin);
        if (Retry.Limit is < 0 or > 20)
        {
            problems.Add($"retry.limit must be between 0 and 20, not {Retry.Limit}");
        }

        if (MaxTicks is < 1 or > Scenario.MaxTicksLimit)
        {
            problems.Add($"maxTicks must be between 1 and {Scenario.MaxTicksLimit}, not {MaxTicks}");
        }

        if (MaxEvents is < 1 or > Scenario.MaxEventsLimit)
        {
            problems.Add($"maxEvents must be between 1 and {Scenario.MaxEventsLimit}, not {MaxEvents}");
        }

        if (Faults.Length > Scenario.MaxFaults)
        {
            problems.Add($"faults: a run takes at most {Scenario.MaxFaults} faults, not {Faults.Length}");
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var names = NodeNames();
        foreach (var (writer, tick) in Starts)
        {
            if (!names.Contains(writer) || !writer.StartsWith('W'))
            {
                problems.Add($"starts.{writer}: unknown writer '{writer}'; this run has writers W1..W{Writers}");
            }
            else if (tick < 0 || tick > MaxTicks)
            {
                problems.Add($"starts.{writer} must be between 0 and maxTicks ({MaxTicks}), not {tick}");
            }
        }

        foreach (var fault in Faults)
        {
            var where = fault.Line > 0 ? $"line {fault.Line}: " : "";
            foreach (var node in fault.Do.Nodes().Concat(Trigger(fault)))
            {
                if (!names.Contains(node))
                {
                    problems.Add($"{where}unknown node '{node}'; this run has {string.Join(", ", names)}");
                }
            }

            if (fault.When is TahoeFaultTiming.AtTick { Tick: var tick } && (tick < 0 || tick > MaxTicks))
            {
                problems.Add($"{where}the fault's tick must be between 0 and maxTicks ({MaxTicks}), not {tick}");
            }

            if (fault.Do is TahoeFaultAction.Drop && fault.When is not TahoeFaultTiming.OnSend)
            {
                problems.Add($"{where}drop loses the message that fired a 'sends' trigger, so it needs when: \"<node> sends <message>\"");
            }

            if (fault.Do is TahoeFaultAction.Cut { From: var a, To: var b } && a == b)
            {
                problems.Add($"{where}a link joins two different nodes, not {a} and itself");
            }
        }

        return problems;
    }

    private static IEnumerable<string> Trigger(TahoeFault fault) => fault.When switch
    {
        TahoeFaultTiming.OnSend { To: { } to } s => [s.From, to],
        TahoeFaultTiming.OnSend s => [s.From],
        _ => [],
    };

    private static void CheckTicks(List<string> problems, string name, long value, long min)
    {
        if (value < min || value > Scenario.MaxTimerTicks)
        {
            problems.Add($"{name} must be between {min} and {Scenario.MaxTimerTicks} ticks, not {value}");
        }
    }
}
