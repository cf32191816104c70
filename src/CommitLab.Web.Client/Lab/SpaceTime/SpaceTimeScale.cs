namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>
/// Maps ticks to horizontal pixels: <c>x = Origin + (tick - StartTick) * PixelsPerTick</c>.
/// <see cref="StartTick"/> is 0 unless old items were left out to keep the diagram bounded.
/// </summary>
/// <param name="GridStep">Ticks between gridlines: a round number (10, 20, 50, 100, 200, 500, ...).</param>
public sealed record SpaceTimeScale(long StartTick, long EndTick, double PixelsPerTick, double Origin, long GridStep)
{
    public double X(long tick) => Origin + ((tick - StartTick) * PixelsPerTick);
}
