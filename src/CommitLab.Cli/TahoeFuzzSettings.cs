using CommitLab.Engine.Tahoe;

namespace CommitLab.Cli;

/// <summary>A checked <c>commitlab fuzz --protocol tahoe</c> command line: every bound enforced before the first run starts.</summary>
public sealed record TahoeFuzzSettings(
    TahoeMode Mode,
    int Writers,
    int Servers,
    int Runs,
    ulong Seed,
    string OutDir,
    bool FailOnViolation,
    bool Json)
{
    /// <summary>Two writers on three servers: the collision the shipped Tahoe scenarios show.</summary>
    public const int DefaultWriters = 2;

    public const int DefaultServers = 3;

    /// <summary>Reads raw option values (null: not given); on failure, <paramref name="errors"/> says what to change.</summary>
    public static TahoeFuzzSettings? TryCreate(
        string? mode, int? writers, int? servers, int runs, ulong? seed, string? outDir, bool failOnViolation, bool json, out List<string> errors)
    {
        errors = [];
        var modeKind = TahoeMode.TwoPhase;
        if (mode is not null)
        {
            if (TahoeModes.Parse(mode) is { } parsed)
            {
                modeKind = parsed;
            }
            else
            {
                errors.Add($"--mode must be 2pc, uncoordinated or magic-folder, not '{mode}'");
            }
        }

        var writerCount = writers ?? DefaultWriters;
        if (writerCount is < TahoeScenario.MinWriters or > TahoeScenario.MaxWriters)
        {
            errors.Add($"--writers must be between {TahoeScenario.MinWriters} and {TahoeScenario.MaxWriters}, not {writerCount}");
        }

        var serverCount = servers ?? DefaultServers;
        if (serverCount is < 1 or > TahoeScenario.MaxServers)
        {
            errors.Add($"--servers must be between 1 and {TahoeScenario.MaxServers}, not {serverCount}");
        }

        FuzzSettings.CheckRuns(runs, errors);
        FuzzSettings.CheckOutDir(outDir, errors);
        return errors.Count > 0
            ? null
            : new TahoeFuzzSettings(modeKind, writerCount, serverCount, runs, FuzzSettings.FirstSeed(seed), outDir!, failOnViolation, json);
    }

    /// <summary>Run <paramref name="index"/> uses seed S + index, as in every fuzz session.</summary>
    public ulong SeedOf(int index) => FuzzSettings.SeedOf(Seed, index);
}
