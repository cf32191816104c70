namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>Layout of a space-time diagram. The defaults suit a laptop screen and an exported file alike.</summary>
public sealed record SpaceTimeOptions
{
    public static SpaceTimeOptions Default { get; } = new();

    /// <summary>The width the whole run should fit in, in pixels. A long run may come out wider (see <see cref="MinPixelsPerTick"/>).</summary>
    public double Width { get; init; } = 960;

    /// <summary>Vertical distance between lanes.</summary>
    public double LaneSpacing { get; init; } = 64;

    /// <summary>Room for the lane labels.</summary>
    public double LeftMargin { get; init; } = 56;

    public double RightMargin { get; init; } = 24;

    /// <summary>Room for the tick labels above the lanes.</summary>
    public double TopMargin { get; init; } = 28;

    public double BottomMargin { get; init; } = 12;

    /// <summary>Below this a message's arrow gets too flat to follow, so a long run scrolls instead.</summary>
    public double MinPixelsPerTick { get; init; } = 0.5;

    /// <summary>Above this a very short run would be stretched into a few huge arrows.</summary>
    public double MaxPixelsPerTick { get; init; } = 8;

    /// <summary>A hard cap on the width, whatever <see cref="MinPixelsPerTick"/> asks (browsers choke on huge SVGs).</summary>
    public double MaxWidth { get; init; } = 32_000;

    /// <summary>Gridlines are at least this far apart, in pixels.</summary>
    public double MinGridSpacing { get; init; } = 64;

    /// <summary>
    /// Where the time axis ends, if known (e.g. the end of the recorded run). The axis always covers
    /// the whole trace and the cursor; giving the end keeps the scale steady while scrubbing.
    /// </summary>
    public long? EndTick { get; init; }

    /// <summary>At most this many arrows and marks together; older ones beyond it are left out.</summary>
    public int MaxItems { get; init; } = 5_000;

    /// <summary>The SVG's title (and the file's name, to a reader).</summary>
    public string Title { get; init; } = "Space-time diagram";
}
