namespace CommitLab.Web.Lab;

/// <summary>
/// The Lab's speed control: a log scale from 0.1x to 10x. At 1x one second of wall time shows
/// <see cref="TicksPerSecondAt1x"/> ticks (1 ms of protocol time per 40 ms of real time), slow enough to follow
/// every message of a fault-free 2PC run on a projector in about five seconds.
/// </summary>
public static class PlaybackSpeed
{
    public const double TicksPerSecondAt1x = 25;

    public const double Min = 0.1;

    public const double Max = 10;

    /// <summary>Slider position in [-1, 1] to a speed in [0.1, 10].</summary>
    public static double FromExponent(double exponent) => Math.Pow(10, Math.Clamp(exponent, -1, 1));

    public static double ToExponent(double speed) => Math.Log10(Math.Clamp(speed, Min, Max));

    /// <summary>What a speed means, e.g. "1 ms of protocol time per 40 ms": "1x" alone does not say that it is 40 times slower than real time.</summary>
    public static string Meaning(double speed) =>
        $"1 ms of protocol time per {(1000 / (TicksPerSecondAt1x * Math.Clamp(speed, Min, Max))).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} ms";

    public static string Label(double speed) => speed >= 1 ? $"{speed:0.#}x" : $"{speed:0.##}x";
}
