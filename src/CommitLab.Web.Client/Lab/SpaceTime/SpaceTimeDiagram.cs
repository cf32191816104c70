using System.Collections.Immutable;
using CommitLab.Engine.Tracing;

namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>
/// A space-time diagram of a run up to a position of its trace: one lane per node, one arrow per
/// message, glyphs for crashes, decisions, forced writes, suspicions, freezes and violations, and
/// the cursor. Coordinates are in pixels, so a renderer (the Lab's Razor component, or
/// <see cref="SpaceTimeSvg"/> for the export) only draws. Immutable: safe to hold while the run goes on.
/// </summary>
/// <param name="Truncated">Older arrows and marks were left out to stay within <see cref="SpaceTimeOptions.MaxItems"/>.</param>
/// <param name="Omitted">How many arrows and marks were left out.</param>
public sealed record SpaceTimeDiagram(
    string Title,
    ImmutableArray<SpaceTimeLane> Lanes,
    ImmutableArray<SpaceTimeArrow> Arrows,
    ImmutableArray<SpaceTimeMark> Marks,
    ImmutableArray<SpaceTimePeriod> Periods,
    ImmutableArray<SpaceTimeGridline> Gridlines,
    SpaceTimeScale Scale,
    long CursorTick,
    double CursorX,
    double Width,
    double Height,
    bool Truncated,
    int Omitted)
{
    /// <summary>
    /// Builds the diagram from the trace entries before <paramref name="upToIndexExclusive"/>, with
    /// the cursor at <paramref name="cursorTick"/> (messages still on their way end there).
    /// </summary>
    public static SpaceTimeDiagram Build(Trace trace, int upToIndexExclusive, long cursorTick, SpaceTimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(options);
        return new SpaceTimeBuilder(trace, options).Build(upToIndexExclusive, cursorTick);
    }
}
