using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Lab;

/// <summary>
/// What a student can set in the Lab's configuration panel, with the Lab's own (tighter) bounds: at
/// most nine participants, because more do not fit on a projector in a readable way.
/// </summary>
public sealed record LabSettings
{
    public const int MaxParticipants = 9;

    public const long MaxTicks = 100_000;

    /// <summary>
    /// The most events a Lab run, lesson lab or room replays to: every seek and every shared link
    /// replays from the start, so this bounds the work one request can cause (about 0.2 s and 20 MB
    /// for the busiest run the other bounds allow). A scenario may ask for fewer, never more.
    /// </summary>
    public const long MaxEvents = Scenario.DefaultMaxEvents;

    public ProtocolKind Protocol { get; init; } = ProtocolKind.TwoPhase;

    public int Participants { get; init; } = 3;

    public ulong Seed { get; init; } = 1;

    public DetectorKind Detector { get; init; } = DetectorKind.Timeout;

    public int LatencyMin { get; init; } = 20;

    public int LatencyMax { get; init; } = 40;

    /// <summary>Loss probability in percent (0..50 in the UI).</summary>
    public int LossPercent { get; init; }

    public int VoteTimeout { get; init; } = 200;

    public int DecisionTimeout { get; init; } = 300;

    public int ResendTimeout { get; init; } = 150;

    public int DetectorTimeout { get; init; } = 150;

    public bool CooperativeTermination { get; init; } = true;

    public bool OutcomeLog { get; init; }

    public ImmutableSortedSet<string> NoVoters { get; init; } = ImmutableSortedSet<string>.Empty;

    /// <summary>2PC: basic, presumed abort or presumed commit.</summary>
    public Presumption Presume { get; init; } = Presumption.Nothing;

    /// <summary>2PC: participants that vote READ-ONLY.</summary>
    public ImmutableSortedSet<string> ReadOnly { get; init; } = ImmutableSortedSet<string>.Empty;

    /// <summary>2PC: ticks a participant waits for PREPARE before aborting on its own; null waits for ever.</summary>
    public int? PrepareTimeout { get; init; }

    /// <summary>Paxos Commit: 2F+1 acceptors (A1, A2, ...); ignored by the other protocols.</summary>
    public int Acceptors { get; init; } = 3;

    /// <summary>The scenario these settings describe, without faults (faults come from the schedule).</summary>
    public Scenario ToScenario(string title) => new()
    {
        Title = title,
        Protocol = Protocol,
        Participants = Participants,
        Seed = Seed,
        FailureDetector = Detector,
        Network = new NetworkSettings(LatencyMin, LatencyMax, LossPercent / 100.0),
        Timeouts = new TimeoutSettings(VoteTimeout, DecisionTimeout, ResendTimeout, DetectorTimeout, Protocol == ProtocolKind.TwoPhase ? PrepareTimeout : null),
        CooperativeTermination = CooperativeTermination,
        OutcomeLog = OutcomeLog && Protocol == ProtocolKind.TwoPhase,
        NoVoters = NoVoters.Where(v => IsParticipant(v, Participants)).ToImmutableHashSet(StringComparer.Ordinal),
        Presume = Protocol == ProtocolKind.TwoPhase ? Presume : Presumption.Nothing,
        ReadOnly = Protocol == ProtocolKind.TwoPhase
            ? ReadOnly.Where(v => IsParticipant(v, Participants)).ToImmutableHashSet(StringComparer.Ordinal)
            : [],
        Acceptors = Protocol == ProtocolKind.PaxosCommit ? Acceptors : 0,
        MaxTicks = 20_000,
    };

    /// <summary>A scenario within the Lab's bounds (ticks and events): how every Lab, lesson lab, room and import runs it.</summary>
    public static Scenario Bound(Scenario scenario) => scenario with
    {
        MaxTicks = Math.Min(scenario.MaxTicks, MaxTicks),
        MaxEvents = Math.Min(scenario.MaxEvents, MaxEvents),
    };

    /// <summary>Settings read back from a scenario (a lesson's file, an import, a shared link).</summary>
    public static LabSettings From(Scenario scenario) => new()
    {
        Protocol = scenario.Protocol,
        Participants = scenario.Participants,
        Seed = scenario.Seed,
        Detector = scenario.FailureDetector,
        LatencyMin = scenario.Network.LatencyMin,
        LatencyMax = scenario.Network.LatencyMax,
        LossPercent = (int)Math.Round(scenario.Network.Loss * 100),
        VoteTimeout = scenario.Timeouts.Vote,
        DecisionTimeout = scenario.Timeouts.Decision,
        ResendTimeout = scenario.Timeouts.Resend,
        DetectorTimeout = scenario.Timeouts.Detector,
        CooperativeTermination = scenario.CooperativeTermination,
        OutcomeLog = scenario.OutcomeLog,
        NoVoters = scenario.NoVoters.ToImmutableSortedSet(StringComparer.Ordinal),
        Presume = scenario.Presume,
        ReadOnly = scenario.ReadOnly.ToImmutableSortedSet(StringComparer.Ordinal),
        PrepareTimeout = scenario.Timeouts.Prepare,
        Acceptors = scenario.Acceptors > 0 ? scenario.Acceptors : 3,
    };

    /// <summary>Problems with these settings as the Lab bounds them; empty when they are fine.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Participants is < 1 or > MaxParticipants)
        {
            // Said once, in the Lab's own limit: the engine's wider limit would contradict it.
            return [$"The Lab draws 1 to {MaxParticipants} participants, not {Participants}."];
        }

        if (LossPercent is < 0 or > 50)
        {
            problems.Add("Loss must be between 0% and 50%.");
        }

        problems.AddRange(ToScenario("check").Validate());
        return problems;
    }

    private static bool IsParticipant(string name, int participants) =>
        name.Length > 1 && name[0] == 'P' && int.TryParse(name.AsSpan(1), out var i) && i >= 1 && i <= participants;
}
