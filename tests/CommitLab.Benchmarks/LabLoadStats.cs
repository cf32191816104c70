using System.Globalization;

namespace CommitLab.Benchmarks;

/// <summary>Percentiles and formatting for <c>lab-load</c>.</summary>
internal static class LabLoadStats
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Nearest-rank percentile (p in 0..1): a value that was measured, never an interpolation.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The middle value (the mean of the two middle ones for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static string Kb(double bytes) => (bytes / 1024).ToString("#,0.0", Inv) + " KB";

    public static string Mb(double bytes) => (bytes / (1024 * 1024)).ToString("#,0.00", Inv) + " MB";

    public static string Ms(double ms) => ms.ToString("#,0.0", Inv) + " ms";

    public static string N(double value, string format = "#,0.0") => value.ToString(format, Inv);
}
