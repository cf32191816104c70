using System.Collections.Immutable;
using System.Globalization;
using CommitLab.Cli;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Benchmarks;

/// <summary>
/// The scenarios every benchmark and quick mode runs, built in one place so the BenchmarkDotNet
/// figures and the console figures measure exactly the same work.
/// </summary>
public static class Workloads
{
    /// <summary>Every fault kind the fuzzer knows, not only its default set.</summary>
    public const string AllFaultKindsText = "crash,recover,freeze,cut,partition,drop,delay,vote-no";

    /// <summary>First seed of fuzz batches; fixed so every measurement runs the same schedules.</summary>
    public const ulong FuzzSeed = 1;

    /// <summary>The long faulty run stops here: the blocked participants keep asking until then.</summary>
    public const long BlockedMaxTicks = 100_000;

    public static ImmutableSortedSet<FaultKind> AllFaultKinds { get; } = ParseKinds(AllFaultKindsText);

    public static ImmutableSortedSet<FaultKind> ParseKinds(string text) =>
        FaultKinds.TryParse(text, out var kinds, out var error) ? kinds : throw new ArgumentException(error, nameof(text));

    /// <summary>A fault-free run: every participant votes yes, the run commits.</summary>
    public static Scenario FaultFree(ProtocolKind protocol, int participants) => new()
    {
        Title = $"{Names.Of(protocol)} fault-free, {participants} participants",
        Protocol = protocol,
        Participants = participants,
        Seed = 1,
    };

    /// <summary>
    /// 2PC's blocking window kept open: L crashes right after logging COMMIT and never recovers, so
    /// the participants, uncertain, ask L and each other for the outcome until the tick limit.
    /// </summary>
    public static Scenario BlockedTwoPhase(int participants = 3, long maxTicks = BlockedMaxTicks) => new()
    {
        Title = $"2pc blocked: L crashes after logging commit, {participants} participants, maxTicks {maxTicks}",
        Protocol = ProtocolKind.TwoPhase,
        Participants = participants,
        Seed = 1,
        MaxTicks = maxTicks,
        Faults = [new ScheduledFault(new FaultTiming.OnTrigger(FaultText.ParseTrigger("L logs commit")), new FaultAction.Crash("L"))],
    };

    /// <summary>One fuzz run exactly as <c>commitlab fuzz</c> builds it (FuzzCommand.Session.RunAll).</summary>
    public static Scenario Fuzz(Scenario baseScenario, ulong seed, ImmutableSortedSet<FaultKind> kinds) => baseScenario with
    {
        Title = $"Fuzz run: {Names.Of(baseScenario.Protocol)}, {baseScenario.Participants} participants, {Names.Of(baseScenario.FailureDetector)} detector, seed {seed.ToString(CultureInfo.InvariantCulture)}",
        Seed = seed,
        Faults = FaultPlan.Generate(seed, baseScenario.Protocol, baseScenario.Participants, kinds),
    };

    /// <summary>
    /// The replay workload: 3PC with 9 participants and three faults (found with FaultPlan, seed 2409,
    /// then written out so it reads on its own). L's link to P4 is cut while P1 is uncertain, so L keeps
    /// resending to P4 until the link heals at t=1971; the run processes 1,114 events, enough for a
    /// scrubber drag to event <see cref="ReplayEvents"/> to stay inside it.
    /// </summary>
    public static Scenario Replay() => new()
    {
        Title = "3pc, 9 participants: L->P4 cut until t=1971, one pre-commit dropped",
        Protocol = ProtocolKind.ThreePhase,
        Participants = 9,
        Seed = 2409,
        Faults =
        [
            new ScheduledFault(new FaultTiming.OnTrigger(FaultText.ParseTrigger("P1 enters uncertain")), FaultText.ParseAction("cut L->P4")),
            new ScheduledFault(new FaultTiming.OnTrigger(FaultText.ParseTrigger("L sends pre-commit to P3")), FaultText.ParseAction("drop")),
            new ScheduledFault(new FaultTiming.AtTick(1971), FaultText.ParseAction("heal L->P4")),
        ],
    };

    /// <summary>How far the replay benchmark scrubs.</summary>
    public const long ReplayEvents = 1_000;

    /// <summary>The fuzz base the targets speak of: 3PC, 4 participants.</summary>
    public static Scenario FuzzBase(DetectorKind detector) => new()
    {
        Protocol = ProtocolKind.ThreePhase,
        Participants = 4,
        FailureDetector = detector,
    };
}
