using System.Diagnostics;
using System.Globalization;

namespace CommitLab.Benchmarks;

/// <summary>
/// The machine's load average while <c>lab-load</c> measures: the 1-minute figure from
/// <c>/proc/loadavg</c>, read once a second, so each measurement can be printed with how busy the
/// shared machine was while it ran (timings carry that contention; bytes and CPU time do not).
/// </summary>
internal sealed class LabLoadMachine : IDisposable
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<(TimeSpan At, double Load)> samples = [];
    private readonly Timer timer;

    public LabLoadMachine()
    {
        Sample();
        timer = new Timer(_ => Sample(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public TimeSpan Now => clock.Elapsed;

    /// <summary>The 1-, 5- and 15-minute load averages as the kernel prints them, or "unknown" off Linux.</summary>
    public static string LoadAverages()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    /// <summary>The lowest and highest 1-minute load average seen between two moments of this run.</summary>
    public LoadRange Range(TimeSpan from, TimeSpan to)
    {
        Sample();
        lock (samples)
        {
            var inside = samples.Where(s => s.At >= from && s.At <= to).Select(s => s.Load).ToArray();
            if (inside.Length == 0)
            {
                inside = samples.Count == 0 ? [double.NaN] : [samples[^1].Load];
            }

            return new LoadRange(inside.Min(), inside.Max());
        }
    }

    public void Dispose() => timer.Dispose();

    private void Sample()
    {
        double load;
        try
        {
            load = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return;
        }

        lock (samples)
        {
            samples.Add((clock.Elapsed, load));
        }
    }
}

/// <summary>The machine's 1-minute load average over a measurement: its lowest and highest reading.</summary>
internal readonly record struct LoadRange(double Min, double Max)
{
    public override string ToString() => double.IsNaN(Min)
        ? "load unknown"
        : Min.ToString("0.0", CultureInfo.InvariantCulture) == Max.ToString("0.0", CultureInfo.InvariantCulture)
            ? $"load {Min.ToString("0.0", CultureInfo.InvariantCulture)}"
            : $"load {Min.ToString("0.0", CultureInfo.InvariantCulture)}-{Max.ToString("0.0", CultureInfo.InvariantCulture)}";
}
