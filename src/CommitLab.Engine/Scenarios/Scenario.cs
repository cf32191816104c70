using System.Collections.Immutable;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;

namespace CommitLab.Engine.Scenarios;

/// <summary>
/// Everything that determines a run: configuration, seed and fault schedule. The same scenario
/// always produces the same trace, byte for byte. Node names are <c>L</c>, <c>P1</c>..<c>Pn</c> and,
/// with <see cref="OutcomeLog"/>, <c>LOG</c>.
/// </summary>
public sealed record Scenario
{
    /// <summary>The engine refuses more participants than this: runs stay small enough to draw and to reason about.</summary>
    public const int MaxParticipants = 16;

    public const long MaxTicksLimit = 1_000_000;

    public const int MaxFaults = 1_000;

    /// <summary>
    /// A run processes at most this many events unless its file says otherwise. Ticks alone do not
    /// bound the work: with 1-tick resend timers a blocked run of nine participants makes about 160
    /// events per tick. Every shipped scenario needs under 1,000.
    /// </summary>
    public const long DefaultMaxEvents = 100_000;

    /// <summary>The most events any scenario may ask for: about 2 s and 400 MB for the busiest run the other bounds allow.</summary>
    public const long MaxEventsLimit = 1_000_000;

    public const int MaxTimerTicks = 1_000_000;

    public string Title { get; init; } = "Untitled scenario";

    public ProtocolKind Protocol { get; init; } = ProtocolKind.TwoPhase;

    public int Participants { get; init; } = 3;

    public ulong Seed { get; init; } = 1;

    public NetworkSettings Network { get; init; } = new();

    public DetectorKind FailureDetector { get; init; } = DetectorKind.Timeout;

    public TimeoutSettings Timeouts { get; init; } = new();

    /// <summary>2PC: an uncertain participant also asks its peers, not only the coordinator.</summary>
    public bool CooperativeTermination { get; init; } = true;

    /// <summary>2PC: the coordinator records its decision at a separate <c>LOG</c> node before announcing it.</summary>
    public bool OutcomeLog { get; init; }

    /// <summary>Ticks a forced log write takes; what follows it in the same step waits for it.</summary>
    public int ForcedWriteTicks { get; init; } = 5;

    /// <summary>The run stops here if it has not finished by itself.</summary>
    public long MaxTicks { get; init; } = 10_000;

    /// <summary>The run stops after this many events if it has not finished by then (see <see cref="DefaultMaxEvents"/>).</summary>
    public long MaxEvents { get; init; } = DefaultMaxEvents;

    /// <summary>Participants that vote no (names). Everyone else votes yes.</summary>
    public ImmutableHashSet<string> NoVoters { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>2PC: what the coordinator presumes about a transaction it has no record of (presumed abort, presumed commit).</summary>
    public Presumption Presume { get; init; } = Presumption.Nothing;

    /// <summary>2PC, the read-only optimisation: these participants (names) vote READ-ONLY and leave phase two.</summary>
    public ImmutableHashSet<string> ReadOnly { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Paxos Commit: the number of acceptors, 2F+1, named A1..A(2F+1). Zero for 2PC and 3PC.</summary>
    public int Acceptors { get; init; }

    /// <summary>The most acceptors a run may have (F = 3): enough to show majorities, few enough to draw.</summary>
    public const int MaxAcceptors = 7;

    public ImmutableArray<ScheduledFault> Faults { get; init; } = ImmutableArray<ScheduledFault>.Empty;

    /// <summary>The Tahoe-LAFS section (writers, servers, starts, retry, ...): set exactly when <see cref="Protocol"/> is a Tahoe model.</summary>
    public Tahoe.TahoeSettings? Tahoe { get; init; }

    /// <summary>The two generals' section (how many emails): set exactly when <see cref="Protocol"/> is <see cref="ProtocolKind.TwoGenerals"/>. Such a run is built from a lunch plan, not read from a file.</summary>
    public TwoGenerals.LunchSettings? Lunch { get; init; }

    public Expectation? Expect { get; init; }

    /// <summary>The run's node names in index order: L, P1..Pn, then LOG when enabled.</summary>
    /// <summary>"P1", "P2", ... made once: every run names its nodes, and a short run is cheap enough for that to show.</summary>
    private static readonly string[] ParticipantNames = Enumerable.Range(0, MaxParticipants + 1).Select(i => $"P{i}").ToArray();

    private static readonly ImmutableArray<string> LunchNames = ["Sam", "Jill"];

    private static readonly string[] AcceptorNames = Enumerable.Range(0, MaxAcceptors + 1).Select(i => $"A{i}").ToArray();

    public ImmutableArray<string> NodeNames()
    {
        if (Tahoe is { } tahoe)
        {
            return TahoeNames(tahoe, Protocol == ProtocolKind.TahoeMagicFolder);
        }

        if (Protocol == ProtocolKind.TwoGenerals)
        {
            return LunchNames;
        }

        var names = ImmutableArray.CreateBuilder<string>(Participants + 2);
        names.Add("L");
        for (var i = 1; i <= Participants; i++)
        {
            names.Add(ParticipantNames[i]);
        }

        if (OutcomeLog)
        {
            names.Add("LOG");
        }

        for (var a = 1; a <= Acceptors; a++)
        {
            names.Add(AcceptorNames[a]);
        }

        return names.ToImmutable();
    }

    /// <summary>
    /// Checks every bound and name. Returns the problems found (empty when the scenario is valid);
    /// <see cref="Simulation.Simulator"/> refuses a scenario with any.
    /// </summary>
    /// <summary>Writers W1..Wn, then servers S1..Sm, then, in the magic folder, the reader R.</summary>
    private static ImmutableArray<string> TahoeNames(Tahoe.TahoeSettings tahoe, bool reader)
    {
        var names = ImmutableArray.CreateBuilder<string>(Math.Max(0, tahoe.Writers) + Math.Max(0, tahoe.Servers) + 1);
        for (var i = 1; i <= tahoe.Writers; i++)
        {
            names.Add($"W{i}");
        }

        for (var i = 1; i <= tahoe.Servers; i++)
        {
            names.Add($"S{i}");
        }

        if (reader)
        {
            names.Add("R");
        }

        return names.ToImmutable();
    }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Names.IsTahoe(Protocol) != Tahoe is not null)
        {
            problems.Add(Tahoe is null ? $"protocol {Names.Of(Protocol)} needs its tahoe section (writers, servers, ...)" : $"the tahoe section belongs to a Tahoe-LAFS protocol, not {Names.Of(Protocol)}");
            return problems;
        }

        if ((Protocol == ProtocolKind.TwoGenerals) != Lunch is not null)
        {
            problems.Add(Lunch is null ? "the two generals need their lunch section (how many emails)" : $"the lunch section belongs to the two generals, not {Names.Of(Protocol)}");
            return problems;
        }

        if (Lunch is { Emails: < TwoGenerals.LunchLimits.MinEmails or > TwoGenerals.LunchLimits.MaxEmails })
        {
            problems.Add($"the number of emails must be between {TwoGenerals.LunchLimits.MinEmails} and {TwoGenerals.LunchLimits.MaxEmails}, not {Lunch.Emails}");
        }

        // Files have these checked at their own lines as they are read; a scenario built in code (a
        // fuzz run, a shared link's edits) meets them here.
        problems.AddRange(Tahoe?.Problems(MaxTicks) ?? []);

        if (Participants is < 1 or > MaxParticipants)
        {
            problems.Add($"participants must be between 1 and {MaxParticipants}, not {Participants}");
        }

        if (Network.LatencyMin < 1 || Network.LatencyMax < Network.LatencyMin || Network.LatencyMax > MaxTimerTicks)
        {
            problems.Add($"network latency must be a range [min, max] with 1 <= min <= max <= {MaxTimerTicks}, not [{Network.LatencyMin}, {Network.LatencyMax}]");
        }

        if (double.IsNaN(Network.Loss) || Network.Loss is < 0 or > 1)
        {
            problems.Add($"network loss must be a probability between 0 and 1, not {Network.Loss}");
        }

        CheckTimer(problems, "timeouts.vote", Timeouts.Vote);
        CheckTimer(problems, "timeouts.decision", Timeouts.Decision);
        CheckTimer(problems, "timeouts.resend", Timeouts.Resend);
        CheckTimer(problems, "timeouts.detector", Timeouts.Detector);
        if (Timeouts.Prepare is { } prepare)
        {
            CheckTimer(problems, "timeouts.prepare", prepare);
        }
        if (ForcedWriteTicks is < 0 or > MaxTimerTicks)
        {
            problems.Add($"forcedWrite must be between 0 and {MaxTimerTicks} ticks, not {ForcedWriteTicks}");
        }

        if (MaxTicks is < 1 or > MaxTicksLimit)
        {
            problems.Add($"maxTicks must be between 1 and {MaxTicksLimit}, not {MaxTicks}");
        }

        if (MaxEvents is < 1 or > MaxEventsLimit)
        {
            problems.Add($"maxEvents must be between 1 and {MaxEventsLimit}, not {MaxEvents}");
        }

        if (OutcomeLog && Protocol == ProtocolKind.ThreePhase)
        {
            problems.Add("outcomeLog is a 2PC option; 3PC runs without a LOG node");
        }

        if (Protocol == ProtocolKind.ThreePhase && Timeouts.Prepare is not null)
        {
            problems.Add("timeouts.prepare is a 2PC option; 3PC participants wait for CAN-COMMIT");
        }

        if (Protocol == ProtocolKind.ThreePhase && Presume != Presumption.Nothing)
        {
            problems.Add("presume is a 2PC option (presumed abort and presumed commit are variants of two-phase commit)");
        }

        if (Protocol == ProtocolKind.ThreePhase && !ReadOnly.IsEmpty)
        {
            problems.Add("readOnly is a 2PC option; 3PC participants all take part in every phase");
        }

        if (Protocol == ProtocolKind.PaxosCommit)
        {
            PaxosCommitProblems(problems);
        }
        else if (Acceptors != 0)
        {
            problems.Add($"acceptors is a paxos-commit option; {Names.Of(Protocol)} has no acceptors");
        }

        if (Faults.Length > MaxFaults)
        {
            problems.Add($"a run takes at most {MaxFaults} faults, not {Faults.Length}");
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var names = NodeNames().ToHashSet(StringComparer.Ordinal);
        foreach (var voter in NoVoters)
        {
            if (!names.Contains(voter) || !voter.StartsWith('P'))
            {
                problems.Add($"votes names '{voter}', which is not a participant of this run (participants are P1..P{Participants})");
            }
        }

        foreach (var reader in ReadOnly)
        {
            if (!names.Contains(reader) || !reader.StartsWith('P'))
            {
                problems.Add($"readOnly names '{reader}', which is not a participant of this run (participants are P1..P{Participants})");
            }
            else if (NoVoters.Contains(reader))
            {
                problems.Add($"readOnly names {reader}, which also votes no; a participant votes one way");
            }
        }

        foreach (var fault in Faults)
        {
            foreach (var problem in FaultChecks.Problems(fault, names))
            {
                problems.Add(fault.Line > 0 ? $"line {fault.Line}: {problem}" : problem);
            }
        }

        return problems;
    }

    /// <summary>2F+1 acceptors tolerate F crashed ones: the count must be odd, at least 1, at most <see cref="MaxAcceptors"/>.</summary>
    private void PaxosCommitProblems(List<string> problems)
    {
        if (Acceptors < 1 || Acceptors > MaxAcceptors || Acceptors % 2 == 0)
        {
            problems.Add($"acceptors must be an odd number 2F+1 from 1 to {MaxAcceptors}, not {Acceptors}");
        }

        if (OutcomeLog)
        {
            problems.Add("outcomeLog is a 2PC option; in Paxos Commit the acceptors hold the outcome");
        }

        if (Timeouts.Prepare is not null)
        {
            problems.Add("timeouts.prepare is a 2PC option; Paxos Commit participants wait for PREPARE");
        }

        if (Presume != Presumption.Nothing)
        {
            problems.Add("presume is a 2PC option (presumed abort and presumed commit are variants of two-phase commit)");
        }

        if (!ReadOnly.IsEmpty)
        {
            problems.Add("readOnly is a 2PC option; Paxos Commit participants all vote");
        }
    }

    private static void CheckTimer(List<string> problems, string name, int value)
    {
        if (value is < 1 or > MaxTimerTicks)
        {
            problems.Add($"{name} must be between 1 and {MaxTimerTicks} ticks, not {value}");
        }
    }
}
