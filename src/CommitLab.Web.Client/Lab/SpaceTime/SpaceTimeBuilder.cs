using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;
using CommitLab.Web.Lab.Narration;

namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>
/// Builds a <see cref="SpaceTimeDiagram"/> in two passes: first everything in ticks (pairing each
/// message's send with its delivery or drop by message id), then, once the time span and the items
/// kept are known, everything in pixels.
/// </summary>
internal sealed class SpaceTimeBuilder
{
    private readonly Trace trace;
    private readonly SpaceTimeOptions options;
    private readonly int nodes;
    private readonly List<ArrowDraft> arrows = new();
    private readonly Dictionary<long, ArrowDraft> byId = new();
    private readonly List<MarkDraft> marks = new();
    private readonly List<PeriodDraft> periods = new();

    public SpaceTimeBuilder(Trace trace, SpaceTimeOptions options)
    {
        if (!(options.Width > 0) || !(options.LaneSpacing > 0) || options.MaxItems < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "width and lane spacing must be positive, and max items not negative");
        }

        this.trace = trace;
        this.options = options;
        nodes = trace.NodeNames.Length;
    }

    public SpaceTimeDiagram Build(int upToIndexExclusive, long cursorTick)
    {
        // Read the length once: a live run may append while we draw, and what we draw must be consistent.
        var count = trace.Count;
        var events = trace.Events;
        var end = Math.Clamp(upToIndexExclusive, 0, count);
        var lastDecider = -1;
        for (var i = 0; i < end; i++)
        {
            Collect(events[i], ref lastDecider);
        }

        // Keep the newest items; each comes from one trace entry, so a cut-off index decides.
        var total = arrows.Count + marks.Count;
        var cutoff = total > options.MaxItems ? CutoffIndex() : 0;
        var truncated = total > options.MaxItems;
        var startTick = truncated && cutoff < count ? events[cutoff].Tick : 0;

        var lastTick = count > 0 ? events[count - 1].Tick : 0;
        var endTick = Math.Max(Math.Max(options.EndTick ?? 0, lastTick), Math.Max(cursorTick, startTick + 1));
        var scale = Scale(startTick, endTick);
        var width = Math.Max(options.Width, options.LeftMargin + ((endTick - startTick) * scale.PixelsPerTick) + options.RightMargin);
        var height = options.TopMargin + (Math.Max(1, nodes) * options.LaneSpacing) + options.BottomMargin;

        var lanes = ImmutableArray.CreateBuilder<SpaceTimeLane>(nodes);
        for (var n = 0; n < nodes; n++)
        {
            lanes.Add(new SpaceTimeLane(n, trace.Name(n), LaneY(n)));
        }

        var cursor = Math.Max(cursorTick, startTick);
        return new SpaceTimeDiagram(
            options.Title,
            lanes.MoveToImmutable(),
            arrows.Where(a => a.Index >= cutoff).Select(a => Arrow(a, scale, cursor)).ToImmutableArray(),
            marks.Where(m => m.Index >= cutoff).Select(m => Mark(m, scale)).ToImmutableArray(),
            Periods(scale, startTick, cursor),
            Gridlines(scale),
            scale,
            cursorTick,
            scale.X(cursor),
            width,
            height,
            truncated,
            truncated ? total - options.MaxItems : 0);
    }

    private void Collect(in TraceEvent e, ref int lastDecider)
    {
        if (e.Node >= nodes || e.Peer >= nodes)
        {
            return;
        }

        switch (e.Kind)
        {
            case TraceKind.Send:
                var draft = new ArrowDraft(e.Index, e.MessageId, e.Message, e.Decision, e.State, e.Node, e.Peer, e.Tick, e.Value);
                arrows.Add(draft);
                byId[e.MessageId] = draft;
                break;
            case TraceKind.Deliver or TraceKind.Drop when byId.TryGetValue(e.MessageId, out var sent):
                sent.Status = e.Kind == TraceKind.Deliver ? ArrowStatus.Delivered : ArrowStatus.Dropped;
                sent.EndTick = e.Tick;
                sent.Reason = e.Reason;
                break;
            case TraceKind.Delay when byId.TryGetValue(e.MessageId, out var delayed):
                delayed.DueTick = e.Value;
                break;
            case TraceKind.Crash:
                marks.Add(new MarkDraft(e.Index, e.Tick, e.Node, MarkKind.Crash, "crash", $"{trace.Name(e.Node)} crashes at {MessageLabels.Ms(e.Tick)}."));
                EndPeriod(e.Node, PeriodKind.Frozen, e.Tick);
                periods.Add(new PeriodDraft(e.Node, PeriodKind.Down, e.Tick, null));
                break;
            case TraceKind.Recover:
                marks.Add(new MarkDraft(e.Index, e.Tick, e.Node, MarkKind.Recover, "recover", $"{trace.Name(e.Node)} recovers at {MessageLabels.Ms(e.Tick)} and rebuilds itself from its log."));
                EndPeriod(e.Node, PeriodKind.Down, e.Tick);
                break;
            case TraceKind.Freeze:
                marks.Add(new MarkDraft(e.Index, e.Tick, e.Node, MarkKind.Freeze, "frozen", $"{trace.Name(e.Node)} freezes at {MessageLabels.Ms(e.Tick)} until {MessageLabels.Ms(e.Value)}.", Until: e.Value));
                if (OpenPeriod(e.Node, PeriodKind.Frozen) is { } frozen)
                {
                    frozen.PlannedEnd = e.Value; // frozen again for longer
                }
                else
                {
                    periods.Add(new PeriodDraft(e.Node, PeriodKind.Frozen, e.Tick, e.Value));
                }

                break;
            case TraceKind.Unfreeze:
                EndPeriod(e.Node, PeriodKind.Frozen, e.Tick);
                break;
            case TraceKind.Decision:
                lastDecider = e.Node;
                var outcome = Names.Of(e.Decision).ToUpperInvariant();
                marks.Add(new MarkDraft(e.Index, e.Tick, e.Node, MarkKind.Decision, outcome, $"{trace.Name(e.Node)} decides {outcome} at {MessageLabels.Ms(e.Tick)}.", Decision: e.Decision));
                break;
            case TraceKind.LogAppend when e.Forced:
                var record = Names.Of(e.Record).ToUpperInvariant();
                marks.Add(new MarkDraft(e.Index, e.Tick, e.Node, MarkKind.ForcedWrite, record, $"{trace.Name(e.Node)} force-writes {record} to its log at {MessageLabels.Ms(e.Tick)}.", Record: e.Record));
                break;
            case TraceKind.Suspect:
                marks.Add(new MarkDraft(e.Index, e.Tick, e.Node, MarkKind.Suspect, $"suspects {trace.Name(e.Peer)}", $"{trace.Name(e.Node)} starts suspecting {trace.Name(e.Peer)} at {MessageLabels.Ms(e.Tick)}.", Peer: e.Peer));
                break;
            case TraceKind.Violation:
                // The entry names no node; the decision just before it is the one that broke the property.
                marks.Add(new MarkDraft(e.Index, e.Tick, Math.Max(0, lastDecider), MarkKind.Violation, "violation", $"Violation at {MessageLabels.Ms(e.Tick)}: {Prose.Times(e.Text ?? "")}."));
                break;
        }
    }

    private PeriodDraft? OpenPeriod(int lane, PeriodKind kind) =>
        periods.LastOrDefault(p => p.Lane == lane && p.Kind == kind && !p.Ended);

    private void EndPeriod(int lane, PeriodKind kind, long tick)
    {
        if (OpenPeriod(lane, kind) is { } open)
        {
            open.PlannedEnd = tick;
            open.Ended = true;
        }
    }

    private int CutoffIndex()
    {
        var a = arrows.Count - 1;
        var m = marks.Count - 1;
        var cutoff = int.MaxValue;
        for (var kept = 0; kept < options.MaxItems; kept++)
        {
            if (m < 0 || (a >= 0 && arrows[a].Index > marks[m].Index))
            {
                cutoff = arrows[a--].Index;
            }
            else
            {
                cutoff = marks[m--].Index;
            }
        }

        return cutoff;
    }

    private SpaceTimeScale Scale(long startTick, long endTick)
    {
        var margins = options.LeftMargin + options.RightMargin;
        var available = Math.Max(1, options.Width - margins);
        var span = Math.Max(1, endTick - startTick);
        var ppt = Math.Clamp(available / span, options.MinPixelsPerTick, Math.Max(options.MinPixelsPerTick, options.MaxPixelsPerTick));
        var widest = Math.Max(available, options.MaxWidth - margins);
        if (span * ppt > widest)
        {
            ppt = widest / span;
        }

        // Round gridline steps (10, 20, 50, 100, 200, 500, ...), the first that leaves enough room for a label.
        var spacing = Math.Max(1, options.MinGridSpacing);
        long step = 10;
        for (var k = 0; step * ppt < spacing && step < span * 10L; k++)
        {
            step = (k % 3) switch { 0 => step * 2, 1 => step / 2 * 5, _ => step * 2 };
        }

        return new SpaceTimeScale(startTick, endTick, ppt, options.LeftMargin, step);
    }

    private ImmutableArray<SpaceTimeGridline> Gridlines(SpaceTimeScale scale)
    {
        var lines = ImmutableArray.CreateBuilder<SpaceTimeGridline>();
        var step = scale.GridStep;
        for (var tick = (scale.StartTick + step - 1) / step * step; tick <= scale.EndTick; tick += step)
        {
            lines.Add(new SpaceTimeGridline(tick, scale.X(tick), MessageLabels.Axis(tick, step)));
        }

        return lines.ToImmutable();
    }

    private ImmutableArray<SpaceTimePeriod> Periods(SpaceTimeScale scale, long startTick, long cursor)
    {
        var list = ImmutableArray.CreateBuilder<SpaceTimePeriod>();
        foreach (var p in periods)
        {
            // A frozen node resumes by itself at its planned end, even if the trace has not got there.
            var to = p.Ended ? p.PlannedEnd!.Value : Math.Min(cursor, p.PlannedEnd ?? cursor);
            var open = !p.Ended && to == cursor;
            if (to < startTick)
            {
                continue;
            }

            var from = Math.Max(p.FromTick, startTick);
            list.Add(new SpaceTimePeriod(p.Lane, p.Kind, from, Math.Max(from, to), scale.X(from), scale.X(Math.Max(from, to)), open));
        }

        return list.ToImmutable();
    }

    private SpaceTimeArrow Arrow(ArrowDraft a, SpaceTimeScale scale, long cursor)
    {
        var endTick = a.Status == ArrowStatus.InFlight ? Math.Max(a.SentTick, cursor) : a.EndTick;
        var y1 = LaneY(a.From);
        var y2 = LaneY(a.To);

        // How far along its way it got: all of it when delivered, else by time against when it was due.
        double along;
        if (a.Status == ArrowStatus.Delivered)
        {
            along = 1;
        }
        else if (endTick <= a.SentTick)
        {
            along = 0;
        }
        else
        {
            along = a.DueTick > a.SentTick ? Math.Min(1, (double)(endTick - a.SentTick) / (a.DueTick - a.SentTick)) : 1;
        }

        var label = MessageLabels.Label(a.Kind, a.Decision, a.State);
        var route = $"{label} #{a.Id} from {trace.Name(a.From)} to {trace.Name(a.To)}: sent at {MessageLabels.Ms(a.SentTick)}";
        var description = a.Status switch
        {
            ArrowStatus.Delivered => $"{route}, delivered at {MessageLabels.Ms(endTick)}.",
            ArrowStatus.Dropped => $"{route}, lost at {MessageLabels.Ms(endTick)} ({Trace.Reason(a.Reason)}).",
            _ => $"{route}, due at {MessageLabels.Ms(a.DueTick)}, still on its way.",
        };
        return new SpaceTimeArrow(
            a.Id,
            a.Kind,
            Names.Of(a.Kind),
            label,
            MessageLabels.ShortLabel(a.Kind, a.Decision, a.State),
            description,
            a.From,
            a.To,
            a.SentTick,
            endTick,
            a.DueTick,
            a.Status,
            a.Status == ArrowStatus.Dropped ? a.Reason : DropReason.None,
            scale.X(a.SentTick),
            y1,
            scale.X(endTick),
            y1 + ((y2 - y1) * along));
    }

    private SpaceTimeMark Mark(MarkDraft m, SpaceTimeScale scale) =>
        new(m.Tick, m.Lane, m.Kind, m.Label, m.Description, scale.X(m.Tick), LaneY(m.Lane), m.Decision, m.Record, m.Peer, m.Until);

    private double LaneY(int lane) => options.TopMargin + (lane * options.LaneSpacing) + (options.LaneSpacing / 2);

    /// <summary>A message while the trace is read: its fate is filled in when its delivery or drop comes by.</summary>
    private sealed class ArrowDraft(int index, long id, MessageKind kind, Outcome decision, Phase state, int from, int to, long sentTick, long dueTick)
    {
        public int Index { get; } = index;

        public long Id { get; } = id;

        public MessageKind Kind { get; } = kind;

        public Outcome Decision { get; } = decision;

        public Phase State { get; } = state;

        public int From { get; } = from;

        public int To { get; } = to;

        public long SentTick { get; } = sentTick;

        public long DueTick { get; set; } = dueTick;

        public long EndTick { get; set; }

        public ArrowStatus Status { get; set; } = ArrowStatus.InFlight;

        public DropReason Reason { get; set; }
    }

    private readonly record struct MarkDraft(
        int Index,
        long Tick,
        int Lane,
        MarkKind Kind,
        string Label,
        string Description,
        Outcome Decision = Outcome.None,
        LogRecordKind? Record = null,
        int Peer = -1,
        long? Until = null);

    private sealed class PeriodDraft(int lane, PeriodKind kind, long fromTick, long? plannedEnd)
    {
        public int Lane { get; } = lane;

        public PeriodKind Kind { get; } = kind;

        public long FromTick { get; } = fromTick;

        public long? PlannedEnd { get; set; } = plannedEnd;

        public bool Ended { get; set; }
    }
}
