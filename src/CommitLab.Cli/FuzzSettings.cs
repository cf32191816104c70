using System.Collections.Immutable;
using System.Globalization;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>
/// A checked <c>commitlab fuzz</c> command line: every bound enforced before the first run starts.
/// A commit-protocol session has participants, a detector and fault kinds; a Tahoe-LAFS session
/// (<c>--protocol tahoe</c>, <see cref="Protocol"/> the mode's protocol) has writers and servers.
/// </summary>
public sealed record FuzzSettings(
    ProtocolKind Protocol,
    int Participants,
    int Runs,
    DetectorKind Detector,
    ImmutableSortedSet<FaultKind> Kinds,
    ulong Seed,
    string OutDir,
    bool FailOnViolation,
    bool Json)
{
    public const int MaxRuns = 1_000_000;

    public const string DefaultOutDir = "fuzz-failures";

    /// <summary>Two writers on three servers: the collision the shipped Tahoe scenarios show.</summary>
    public const int DefaultWriters = 2;

    public const int DefaultServers = 3;

    /// <summary>Tahoe-LAFS: writers per run (0 for the commit protocols).</summary>
    public int Writers { get; init; }

    /// <summary>Tahoe-LAFS: storage servers per run (0 for the commit protocols).</summary>
    public int Servers { get; init; }

    public bool IsTahoe => Names.IsTahoe(Protocol);

    /// <summary>The Tahoe mode's name ("2pc", "uncoordinated", "magic-folder"); only for a Tahoe session.</summary>
    public string Mode => Names.TahoeMode(Protocol);

    /// <summary>Whether <c>--protocol</c> asks for a Tahoe-LAFS session, which takes other options than 2PC and 3PC.</summary>
    public static bool IsTahoeProtocol(string? protocol) => string.Equals(protocol?.Trim(), "tahoe", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads raw option values (null: not given); on failure, <paramref name="errors"/> says what to change.</summary>
    public static FuzzSettings? TryCreate(
        string? protocol, int? participants, int runs, string? detector, string? faults, string? mode, int? writers, int? servers,
        ulong? seed, string? outDir, bool failOnViolation, bool json, out List<string> errors)
    {
        if (IsTahoeProtocol(protocol))
        {
            return TryCreateTahoe(mode, writers, servers, runs, seed, outDir, failOnViolation, json, out errors);
        }

        errors = [];
        ProtocolKind protocolKind = default;
        switch (protocol?.Trim().ToLowerInvariant())
        {
            case "2pc": protocolKind = ProtocolKind.TwoPhase; break;
            case "3pc": protocolKind = ProtocolKind.ThreePhase; break;
            default: errors.Add($"--protocol must be 2pc, 3pc or tahoe, not '{protocol}'"); break;
        }

        if (participants is null)
        {
            errors.Add($"--participants is required with --protocol 2pc or 3pc: 1 to {Scenario.MaxParticipants}");
        }
        else if (participants is < 1 or > Scenario.MaxParticipants)
        {
            errors.Add($"--participants must be between 1 and {Scenario.MaxParticipants}, not {participants}");
        }

        CheckRuns(runs, errors);

        DetectorKind detectorKind = default;
        switch (detector?.Trim().ToLowerInvariant())
        {
            case "timeout": detectorKind = DetectorKind.Timeout; break;
            case "perfect": detectorKind = DetectorKind.Perfect; break;
            default: errors.Add($"--detector must be timeout or perfect, not '{detector}'"); break;
        }

        if (!FaultKinds.TryParse(faults ?? FaultKinds.Default, out var kinds, out var faultError))
        {
            errors.Add($"--faults: {faultError}");
        }

        CheckOutDir(outDir, errors);
        return errors.Count > 0
            ? null
            : new FuzzSettings(protocolKind, participants!.Value, runs, detectorKind, kinds, FirstSeed(seed), outDir!, failOnViolation, json);
    }

    private static FuzzSettings? TryCreateTahoe(
        string? mode, int? writers, int? servers, int runs, ulong? seed, string? outDir, bool failOnViolation, bool json, out List<string> errors)
    {
        errors = [];
        var modeKind = ProtocolKind.TahoeTwoPhase;
        if (mode is not null)
        {
            if (Names.ParseTahoeMode(mode) is { } parsed)
            {
                modeKind = parsed;
            }
            else
            {
                errors.Add($"--mode must be 2pc, uncoordinated or magic-folder, not '{mode}'");
            }
        }

        var writerCount = writers ?? DefaultWriters;
        if (writerCount is < TahoeSettings.MinWriters or > TahoeSettings.MaxWriters)
        {
            errors.Add($"--writers must be between {TahoeSettings.MinWriters} and {TahoeSettings.MaxWriters}, not {writerCount}");
        }

        var serverCount = servers ?? DefaultServers;
        if (serverCount is < 1 or > TahoeSettings.MaxServers)
        {
            errors.Add($"--servers must be between 1 and {TahoeSettings.MaxServers}, not {serverCount}");
        }

        CheckRuns(runs, errors);
        CheckOutDir(outDir, errors);
        return errors.Count > 0
            ? null
            : new FuzzSettings(modeKind, 0, runs, DetectorKind.Timeout, [], FirstSeed(seed), outDir!, failOnViolation, json)
            {
                Writers = writerCount,
                Servers = serverCount,
            };
    }

    /// <summary>Run <paramref name="index"/> uses seed S + index; the sum wraps around rather than failing near 2^64.</summary>
    public ulong SeedOf(int index) => SeedOf(Seed, index);

    /// <summary>The session's setup, as the line after the seeds says it.</summary>
    public string Setup => IsTahoe
        ? $"tahoe {Mode}, {RunCommand.Plural(Writers, "writer")}, {RunCommand.Plural(Servers, "server")}; " +
          $"each run draws its latency, loss (up to 20%), start ticks and up to {FaultPlan.TahoeMaxPicks} faults (crashes that recover, cuts that heal, dropped messages)"
        : $"{Names.Of(Protocol)}, {RunCommand.Plural(Participants, "participant")}, {Names.Of(Detector)} detector, faults: {string.Join(", ", Kinds.Select(FaultKinds.Name))}";

    /// <summary>The command-line options that repeat run <paramref name="seed"/> alone: what a repro file's first line records.</summary>
    public string Options(ulong seed) => (IsTahoe
        ? $"--protocol tahoe --mode {Mode} --writers {Writers} --servers {Servers}"
        : $"--protocol {Names.Of(Protocol)} --participants {Participants} --detector {Names.Of(Detector)} --faults {string.Join(",", Kinds.Select(FaultKinds.Name))}")
        + $" --seed {seed.ToString(CultureInfo.InvariantCulture)} --runs 1";

    /// <summary>The repro file of run <paramref name="seed"/>: its configuration and seed, so two sessions' files do not collide.</summary>
    public string ReproName(ulong seed) => (IsTahoe
        ? $"tahoe-{Mode}-{Writers}w-{Servers}s"
        : $"{Names.Of(Protocol)}-{Participants}p-{Names.Of(Detector)}") + $"-seed-{seed.ToString(CultureInfo.InvariantCulture)}.yaml";

    internal static ulong SeedOf(ulong first, int index) => unchecked(first + (ulong)index);

    // The checks below are shared by both kinds of session, so they take --runs, --out and --seed alike.
    internal static void CheckRuns(int runs, List<string> errors)
    {
        if (runs is < 1 or > MaxRuns)
        {
            errors.Add($"--runs must be between 1 and {MaxRuns:N0}, not {runs}");
        }
    }

    internal static void CheckOutDir(string? outDir, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(outDir))
        {
            errors.Add("--out needs a directory");
        }
    }

    /// <summary>
    /// Without --seed every fuzz session explores new ground; the seed is printed first, so any
    /// session can still be repeated exactly.
    /// </summary>
    internal static ulong FirstSeed(ulong? seed) => seed ?? (ulong)Random.Shared.NextInt64(0, long.MaxValue);
}
