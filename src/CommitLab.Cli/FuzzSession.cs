using System.Globalization;

namespace CommitLab.Cli;

/// <summary>
/// What every fuzz session keeps, whatever the protocol: how many runs are done, the outcome tallies,
/// engine errors, and the findings with their repro files. Subclasses say how run i is built and
/// judged (<see cref="RunOne"/>) and record findings through <see cref="Record"/>.
/// </summary>
internal abstract class FuzzSession(int runs, string outDir, Dictionary<string, int> counts)
{
    /// <summary>At most this many repro files per session: a broken configuration can violate on every run, and a million files help nobody.</summary>
    public const int MaxReproFiles = 1_000;

    private int written;

    public int Runs => runs;

    public string OutDir => outDir;

    /// <summary>Runs per outcome name, every outcome present from the start (zeros included).</summary>
    public Dictionary<string, int> Counts => counts;

    public List<FuzzFinding> Findings { get; } = [];

    public int Errors { get; private set; }

    public int Done { get; private set; }

    public void RunAll(Action afterEach)
    {
        for (var i = 0; i < runs; i++)
        {
            RunOne(i);
            Done = i + 1;
            afterEach();
        }
    }

    /// <summary>Builds run <paramref name="index"/>, runs it, counts its outcome and records what is worth a second look.</summary>
    protected abstract void RunOne(int index);

    /// <summary>
    /// Runs one generated scenario. The engine throwing, or refusing a scenario the generator built,
    /// is a CommitLab bug: it is counted as an engine error and handed to <paramref name="keep"/>
    /// (with the exception's type and message) so the scenario that shows it is saved like a violation.
    /// </summary>
    protected T? Guard<T>(Func<T> run, Action<string> keep)
        where T : class
    {
        try
        {
            return run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Errors++;
            keep($"{e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    /// <summary>
    /// Keeps a finding and, within <see cref="MaxReproFiles"/>, writes the scenario that shows it to
    /// <see cref="OutDir"/>: <paramref name="header"/> (comment lines saying how it was found) and
    /// then the scenario's YAML. <paramref name="yaml"/> is only called when a file is written.
    /// </summary>
    protected void Record(ulong seed, string kind, string detail, string fileName, string header, Func<string> yaml)
    {
        var oneLine = detail.ReplaceLineEndings(" ");
        string? file = null;
        if (written < MaxReproFiles)
        {
            file = Path.Combine(outDir, fileName);
            Directory.CreateDirectory(outDir);
            File.WriteAllText(file, header + $"# {kind}: {oneLine}\n" + yaml());
            written++;
        }

        Findings.Add(new FuzzFinding(seed, kind, oneLine, file));
    }

    protected static string Seed(ulong seed) => seed.ToString(CultureInfo.InvariantCulture);
}
