using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Cli;

/// <summary>A checked <c>commitlab fuzz</c> command line: every bound enforced before the first run starts.</summary>
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

    /// <summary>Reads raw option values; on failure, <paramref name="errors"/> says what to change.</summary>
    public static FuzzSettings? TryCreate(
        string? protocol, int? participants, int runs, string? detector, string? faults, ulong? seed, string? outDir,
        bool failOnViolation, bool json, out List<string> errors)
    {
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

    /// <summary>Run <paramref name="index"/> uses seed S + index; the sum wraps around rather than failing near 2^64.</summary>
    public ulong SeedOf(int index) => SeedOf(Seed, index);

    internal static ulong SeedOf(ulong first, int index) => unchecked(first + (ulong)index);

    // The checks below are shared with TahoeFuzzSettings, so both kinds of session take --runs,
    // --out and --seed alike.
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
