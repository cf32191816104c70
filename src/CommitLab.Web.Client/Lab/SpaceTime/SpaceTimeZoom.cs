using System.Collections.Immutable;
using System.Globalization;

namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>
/// How large the space-time diagram is drawn: a fixed ladder of levels, so zooming in and out
/// again returns exactly where it started, and a reset to the drawing's own size. A long blocked
/// run is wider than any screen; a short one on a projector is too small at 100%.
/// </summary>
public sealed record SpaceTimeZoom(int Step)
{
    public static readonly ImmutableArray<double> Levels = [0.5, 0.75, 1, 1.5, 2, 3, 4];

    private static readonly int Home = Levels.IndexOf(1);

    public static SpaceTimeZoom Actual { get; } = new(Home);

    public double Level => Levels[Step];

    public bool CanZoomIn => Step < Levels.Length - 1;

    public bool CanZoomOut => Step > 0;

    public bool IsActual => Step == Home;

    public SpaceTimeZoom In() => CanZoomIn ? new(Step + 1) : this;

    public SpaceTimeZoom Out() => CanZoomOut ? new(Step - 1) : this;

    /// <summary>What the zoom reads as on screen and to a screen reader: "150%".</summary>
    public string Label => (Level * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The CSS value the diagram is drawn at.</summary>
    public string Css => Level.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The keys a focused diagram answers: + and = zoom in, - zooms out, 0 resets.</summary>
    public SpaceTimeZoom? ForKey(string key) => key switch
    {
        "+" or "=" => In(),
        "-" or "_" => Out(),
        "0" => Actual,
        _ => null,
    };
}
