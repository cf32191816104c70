using System.Globalization;
using System.Text;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.SpaceTime;

/// <summary>
/// Renders a <see cref="SpaceTimeDiagram"/> as a standalone SVG document: the "Export the space-time
/// diagram" file. It carries its own styles and arrowheads, so it opens in a browser on its own. Every
/// arrow has a text label and every glyph a distinct shape and a tooltip, so colour is never the only cue.
/// </summary>
public static class SpaceTimeSvg
{
    /// <summary>Colour per message kind (kebab-case name). Dark enough for 4.5:1 contrast on white.</summary>
    public static IReadOnlyDictionary<string, string> Colours { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["prepare"] = "#0059a0",
        ["can-commit"] = "#0059a0",
        ["vote-yes"] = "#00707a",
        ["vote-no"] = "#b34700",
        ["commit"] = "#1b7a1b",
        ["do-commit"] = "#1b7a1b",
        ["abort"] = "#c0392b",
        ["ack"] = "#5f5f5f",
        ["pre-commit"] = "#8e3a80",
        ["decision-req"] = "#7a5c00",
        ["state-req"] = "#7a5c00",
        ["decision"] = "#5b4b9a",
        ["state-report"] = "#5b4b9a",
        // Two generals: Sam's proposal opens the exchange as PREPARE does; the acknowledgements are "ack".
        ["proposal"] = "#0059a0",
    };

    private const string Style = """
        .bg { fill: #ffffff; }
        .gridline { stroke: #e4e4e4; stroke-width: 1; }
        .tick { font-size: 10px; fill: #555555; text-anchor: middle; }
        .lane { stroke: #9a9a9a; stroke-width: 1.5; }
        .lane-label { font-size: 13px; font-weight: 600; fill: #222222; text-anchor: end; dominant-baseline: middle; }
        .period-down { fill: #bdbdbd; opacity: 0.55; }
        .period-frozen { fill: #9fd3f7; opacity: 0.6; }
        .shaft { stroke-width: 1.6; fill: none; }
        .in-flight .shaft { stroke-dasharray: 6 4; }
        .dropped .shaft { stroke-dasharray: 2 3; }
        .drop-x { stroke: #c0392b; stroke-width: 2.2; fill: none; }
        .label, .mark-label { font-size: 9px; text-anchor: middle; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
        .mark-label { fill: #222222; }
        .crash path { stroke: #c0392b; stroke-width: 2.5; fill: none; }
        .recover path { fill: #1b7a1b; }
        .decision circle { stroke: #ffffff; stroke-width: 1; }
        .decision.commit circle { fill: #1b7a1b; }
        .decision.abort circle { fill: #c0392b; }
        .forced-write rect { fill: #3d3d3d; }
        .suspect circle { fill: #ffffff; stroke: #a85f00; stroke-width: 1.3; }
        .suspect text { font-size: 8px; font-weight: 700; fill: #a85f00; text-anchor: middle; dominant-baseline: central; }
        .freeze rect { fill: #1f6fa8; }
        .violation line { stroke: #c0392b; stroke-width: 2; stroke-dasharray: 5 3; }
        .violation path { fill: #c0392b; }
        .violation .mark-label { fill: #c0392b; font-weight: 700; }
        .legend-text { font-size: 10px; fill: #222222; dominant-baseline: middle; }
        .cursor { stroke: #222222; stroke-width: 1.5; stroke-dasharray: 4 3; }
        .repeat path { stroke: #444444; stroke-width: 1.2; fill: none; }
        .repeat-label { font-size: 10px; font-weight: 700; fill: #222222; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; }
        """;

    /// <summary>The diagram as a standalone SVG file (with an XML declaration): what the export saves.</summary>
    public static string Render(SpaceTimeDiagram diagram) => Render(diagram, standalone: true);

    /// <summary>
    /// The same picture as a bare <c>&lt;svg&gt;</c> element, to embed in an HTML page (an XML declaration
    /// there would be stray markup). Element ids are fixed, so embed one diagram per page.
    /// </summary>
    public static string RenderInline(SpaceTimeDiagram diagram) => Render(diagram, standalone: false);

    private static string Render(SpaceTimeDiagram diagram, bool standalone)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var d = diagram;
        var sb = new StringBuilder(4096 + (d.Arrows.Length * 400) + (d.Marks.Length * 250));
        var legend = new StringBuilder();
        var legendHeight = Legend(legend, d);
        var w = XmlText.Num(d.Width);
        var h = XmlText.Num(d.Height + legendHeight);
        if (standalone)
        {
            sb.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"st-title st-desc\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\">\n");
        sb.Append("<title id=\"st-title\">").Append(XmlText.Escape(d.Title)).Append("</title>\n");
        sb.Append("<desc id=\"st-desc\">").Append(XmlText.Escape(Summary(d))).Append("</desc>\n");
        sb.Append("<style>\n").Append(Style).Append("\n</style>\n");
        Markers(sb, d);
        sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bg\" x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\"/>\n");

        var top = d.Lanes.Length > 0 ? d.Lanes[0].Y - 24 : 0;
        var bottom = d.Lanes.Length > 0 ? d.Lanes[^1].Y + 24 : d.Height;
        sb.Append("<g class=\"grid\">\n");
        foreach (var g in d.Gridlines)
        {
            var x = XmlText.Num(g.X);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"gridline\" x1=\"{x}\" y1=\"{XmlText.Num(top)}\" x2=\"{x}\" y2=\"{XmlText.Num(bottom)}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{x}\" y=\"{XmlText.Num(top - 6)}\">{XmlText.Escape(g.Label)}</text>\n");
        }

        sb.Append("</g>\n<g class=\"lanes\">\n");
        var laneEnd = XmlText.Num(d.Width - 8);
        foreach (var lane in d.Lanes)
        {
            var y = XmlText.Num(lane.Y);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"lane\" x1=\"{XmlText.Num(d.Scale.Origin)}\" y1=\"{y}\" x2=\"{laneEnd}\" y2=\"{y}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"lane-label\" x=\"{XmlText.Num(d.Scale.Origin - 10)}\" y=\"{y}\">{XmlText.Escape(lane.Name)}</text>\n");
        }

        sb.Append("</g>\n<g class=\"periods\">\n");
        foreach (var p in d.Periods)
        {
            Period(sb, d, p);
        }

        sb.Append("</g>\n");
        var placer = new LabelPlacer();
        var summed = Repeats(sb, d, placer);
        sb.Append("<g class=\"arrows\">\n");
        foreach (var a in d.Arrows)
        {
            Arrow(sb, a, placer, labelled: !summed.Contains(a.MessageId));
        }

        sb.Append("</g>\n<g class=\"marks\">\n");
        foreach (var m in d.Marks)
        {
            Mark(sb, m, top, bottom);
        }

        sb.Append("</g>\n");
        sb.Append(legend);
        var cx = XmlText.Num(d.CursorX);
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"cursor\" x1=\"{cx}\" y1=\"{XmlText.Num(top)}\" x2=\"{cx}\" y2=\"{XmlText.Num(bottom)}\"><title>Now: {MessageLabels.Ms(d.CursorTick)}</title></line>\n");
        sb.Append("</svg>\n");
        return sb.ToString();
    }

    /// <summary>Below the lanes: every message kind drawn (colour, name, short form) and every glyph. Returns its height.</summary>
    private static double Legend(StringBuilder sb, SpaceTimeDiagram d)
    {
        var items = new List<(string Swatch, string Text)>();
        var kinds = d.Arrows.Select(a => a.Kind).Distinct().Order().ToList();
        foreach (var kind in kinds)
        {
            var name = Names.Of(kind);
            var full = name.ToUpperInvariant();

            // Kinds whose short form carries a payload ("D:?", "ST:U") are explained by their full labels instead.
            var text = kind is MessageKind.Ack or MessageKind.Decision or MessageKind.StateReport
                ? full
                : $"{full} ({MessageLabels.ShortLabel(kind, Outcome.None, Phase.Working)})";
            items.Add(($"<line x1=\"0\" y1=\"0\" x2=\"16\" y2=\"0\" stroke=\"{Colour(name)}\" stroke-width=\"2.5\"/>", text));
        }

        items.Add(("<line x1=\"0\" y1=\"0\" x2=\"16\" y2=\"0\" stroke=\"#555555\" stroke-width=\"1.6\" stroke-dasharray=\"4 3\"/>", "in flight"));
        items.Add(("<path class=\"drop-x\" d=\"M4,-4 L12,4 M4,4 L12,-4\"/>", "message lost"));
        items.Add(("<g class=\"crash\"><path d=\"M3,-6 L13,6 M3,6 L13,-6\"/></g>", "crash"));
        items.Add(("<g class=\"recover\"><path d=\"M8,-7 L14,5 L2,5 Z\"/></g>", "recover"));
        items.Add(("<g class=\"decision commit\"><circle cx=\"8\" cy=\"0\" r=\"5\"/></g>", "commit"));
        items.Add(("<g class=\"decision abort\"><circle cx=\"8\" cy=\"0\" r=\"5\"/></g>", "abort"));
        items.Add(("<g class=\"forced-write\"><rect x=\"5\" y=\"-4.5\" width=\"6\" height=\"9\" rx=\"1\"/></g>", "forced log write"));
        items.Add(("<g class=\"suspect\"><circle cx=\"8\" cy=\"0\" r=\"5\"/><text x=\"8\" y=\"0\">?</text></g>", "starts suspecting"));
        items.Add(("<rect class=\"period-down\" x=\"0\" y=\"-6\" width=\"16\" height=\"12\"/>", "down"));
        items.Add(("<rect class=\"period-frozen\" x=\"0\" y=\"-6\" width=\"16\" height=\"12\"/>", "frozen"));

        const double row = 20;
        var left = 12.0;
        // Wrapped well inside a laptop's pane, so the legend is read without scrolling sideways.
        var right = Math.Max(left + 200, Math.Min(d.Width, LegendWidth) - 12);
        var x = left;
        var y = d.Height + 14;
        sb.Append("<g class=\"legend\">\n");
        foreach (var (swatch, text) in items)
        {
            var itemWidth = 22 + (text.Length * LegendCharWidth) + 16;
            if (x + itemWidth > right && x > left)
            {
                x = left;
                y += row;
            }

            sb.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({N(x)},{N(y)})\">{swatch}<text class=\"legend-text\" x=\"22\" y=\"0\">{XmlText.Escape(text)}</text></g>\n");
            x += itemWidth;
        }

        sb.Append("</g>\n");
        return y + 12 - d.Height;
    }

    private static string Summary(SpaceTimeDiagram d)
    {
        var text = $"Space-time diagram of {d.Lanes.Length} nodes ({string.Join(", ", d.Lanes.Select(l => l.Name))}) up to {MessageLabels.Ms(d.CursorTick)}. " +
            $"Time runs left to right; each arrow is a message, labelled with its kind: {d.Arrows.Length} in all, " +
            $"{d.Arrows.Count(a => a.Status == ArrowStatus.Dropped)} lost (marked with an X), {d.Arrows.Count(a => a.Status == ArrowStatus.InFlight)} still in flight (dashed).";
        return d.Truncated ? text + $" The {d.Omitted} oldest arrows and marks are left out." : text;
    }

    private static void Markers(StringBuilder sb, SpaceTimeDiagram d)
    {
        sb.Append("<defs>\n");
        foreach (var kind in d.Arrows.Select(a => a.KindName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<marker id=\"ah-{XmlText.Escape(kind)}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{Colour(kind)}\"/></marker>\n");
        }

        sb.Append("</defs>\n");
    }

    /// <summary>Rough width of one 9-10px character, to decide whether a label fits.</summary>
    private const double CharWidth = 5.6;

    /// <summary>The page draws legend text at 12 px (see lab.css): wide enough an estimate that items never run into each other.</summary>
    private const double LegendCharWidth = 7.2;

    private const double LegendWidth = 640;

    private static string Colour(string kind) => Colours.TryGetValue(kind, out var c) ? c : "#333333";

    /// <summary>A sender's requests of one kind are summed up in one bracket from this many rounds on.</summary>
    internal const int RepeatRounds = 3;

    /// <summary>
    /// A blocked run repeats itself: participants ask for the outcome, and answer "don't know", round
    /// after round. Labelled one by one those arrows pile their labels on top of each other; instead
    /// each sender's repeats of one kind get one bracket along its lane, from the first to the last,
    /// saying how often ("P2 asked 14 times"). The arrows stay, with their tooltips. Returns the ids of
    /// the arrows the brackets stand for.
    /// </summary>
    private static HashSet<long> Repeats(StringBuilder sb, SpaceTimeDiagram d, LabelPlacer placer)
    {
        var summed = new HashSet<long>();
        var groups = d.Arrows
            .Where(a => a.Kind is MessageKind.DecisionReq or MessageKind.StateReq || a.Label == "DECISION(?)")
            .GroupBy(a => (a.FromLane, a.Label))
            .Select(g => (g.Key.FromLane, g.Key.Label, Arrows: g.ToList(), Rounds: g.Select(a => a.SentTick).Distinct().Count()))
            .Where(g => g.Rounds >= RepeatRounds && g.FromLane >= 0 && g.FromLane < d.Lanes.Length)
            .OrderBy(g => g.FromLane)
            .ToList();
        if (groups.Count == 0)
        {
            return summed;
        }

        sb.Append("<g class=\"repeats\">\n");
        foreach (var lane in groups.GroupBy(g => g.FromLane))
        {
            // One bracket per sender, its repeats named together: two brackets on one lane would overlap.
            var name = d.Lanes[lane.Key].Name;
            var all = lane.SelectMany(g => g.Arrows).ToList();
            var x1 = all.Min(a => a.X1);
            var x2 = Math.Max(x1 + 8, all.Max(a => a.X1));
            var y = d.Lanes[lane.Key].Y - 14;
            var text = string.Join(", ", lane.OrderBy(g => g.Label == "DECISION(?)" ? 1 : 0).Select((g, i) => RepeatText(i == 0 ? name : "", g.Label, g.Rounds).TrimStart()));
            var textWidth = text.Length * CharWidth;

            // Near the right edge the words end at the bracket's end instead of running off the picture.
            var rightAligned = x1 + textWidth > d.Width - 8;
            var tx = rightAligned ? x2 : x1;
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"repeat\" data-lane=\"{XmlText.Escape(name)}\"><title>{XmlText.Escape(text)}</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{N(x1)},{N(y + 5)} L{N(x1)},{N(y)} L{N(x2)},{N(y)} L{N(x2)},{N(y + 5)}\"/>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"repeat-label\" x=\"{N(tx)}\" y=\"{N(y - 4)}\"{(rightAligned ? " text-anchor=\"end\"" : "")}>{XmlText.Escape(text)}</text></g>\n");
            placer.Take(rightAligned ? tx - (textWidth / 2) : tx + (textWidth / 2), y - 8, textWidth + 4, 12);
            foreach (var a in all)
            {
                summed.Add(a.MessageId);
            }
        }

        sb.Append("</g>\n");
        return summed;
    }

    internal static string RepeatText(string sender, string label, int rounds) => label switch
    {
        "DECISION-REQ" => $"{sender} asked {rounds} times",
        "DECISION(?)" => $"{sender} answered “don't know” {rounds} times",
        _ => $"{sender} asked for states {rounds} times",
    };

    private static void Arrow(StringBuilder sb, SpaceTimeArrow a, LabelPlacer placer, bool labelled)
    {
        var status = a.Status switch
        {
            ArrowStatus.Delivered => "delivered",
            ArrowStatus.Dropped => "dropped",
            _ => "in-flight",
        };
        var colour = Colour(a.KindName);
        var (x2, y2) = (a.X2, a.Y2);
        if (a.Status == ArrowStatus.Dropped && Math.Abs(x2 - a.X1) < 0.5 && Math.Abs(y2 - a.Y1) < 0.5 && a.FromLane != a.ToLane)
        {
            // Lost the instant it was sent (the link was already cut): a short stub shows which way it went.
            y2 = a.Y1 + (Math.Sign(a.ToLane - a.FromLane) * 12);
        }

        sb.Append(CultureInfo.InvariantCulture, $"<g class=\"arrow k-{XmlText.Escape(a.KindName)} {status}{(labelled ? "" : " summed")}\" data-id=\"{a.MessageId}\">");
        sb.Append("<title>").Append(XmlText.Escape(a.Description)).Append("</title>");
        var head = a.Status == ArrowStatus.Dropped ? "" : $" marker-end=\"url(#ah-{XmlText.Escape(a.KindName)})\"";
        sb.Append(CultureInfo.InvariantCulture, $"<line class=\"shaft\" x1=\"{XmlText.Num(a.X1)}\" y1=\"{XmlText.Num(a.Y1)}\" x2=\"{XmlText.Num(x2)}\" y2=\"{XmlText.Num(y2)}\" stroke=\"{colour}\"{head}/>");
        if (a.Status == ArrowStatus.Dropped)
        {
            const double r = 4.5;
            sb.Append(CultureInfo.InvariantCulture, $"<path class=\"drop-x\" d=\"M{XmlText.Num(x2 - r)},{XmlText.Num(y2 - r)} L{XmlText.Num(x2 + r)},{XmlText.Num(y2 + r)} M{XmlText.Num(x2 - r)},{XmlText.Num(y2 + r)} L{XmlText.Num(x2 + r)},{XmlText.Num(y2 - r)}\"/>");
        }

        if (labelled)
        {
            var (text, lx, ly) = PlaceLabel(a, x2, y2, placer);
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{XmlText.Num(lx)}\" y=\"{XmlText.Num(ly)}\" fill=\"{colour}\">{XmlText.Escape(text)}</text>");
        }

        sb.Append("</g>\n");
    }

    /// <summary>
    /// The label's text and position: the full name at the middle of the arrow when it has room and
    /// does not cover another label, else a spot further along, else the short form; if nothing is
    /// free, the short form at the middle (a label is never left out: it is the colour's partner cue).
    /// </summary>
    private static (string Text, double X, double Y) PlaceLabel(SpaceTimeArrow a, double x2, double y2, LabelPlacer placer)
    {
        const double height = 10;
        var length = Math.Sqrt(((x2 - a.X1) * (x2 - a.X1)) + ((y2 - a.Y1) * (y2 - a.Y1)));
        ReadOnlySpan<double> spots = [0.5, 0.35, 0.65, 0.2, 0.8];
        foreach (var text in length >= (a.Label.Length * CharWidth) + 16 ? [a.Label, a.ShortLabel] : new[] { a.ShortLabel })
        {
            var width = (text.Length * CharWidth) + 4;
            foreach (var t in spots)
            {
                var x = a.X1 + ((x2 - a.X1) * t);
                var y = a.Y1 + ((y2 - a.Y1) * t) - 3;
                if (placer.Fits(x, y - 3, width, height))
                {
                    placer.Take(x, y - 3, width, height);
                    return (text, x, y);
                }
            }
        }

        return (a.ShortLabel, (a.X1 + x2) / 2, ((a.Y1 + y2) / 2) - 3);
    }

    private static void Period(StringBuilder sb, SpaceTimeDiagram d, SpaceTimePeriod p)
    {
        if (p.Lane < 0 || p.Lane >= d.Lanes.Length)
        {
            return;
        }

        var y = d.Lanes[p.Lane].Y;
        var kind = p.Kind == PeriodKind.Down ? "down" : "frozen";
        var until = p.Open ? "still" : $"until {MessageLabels.Ms(p.ToTick)}";
        sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"period-{kind}\" x=\"{XmlText.Num(p.X1)}\" y=\"{XmlText.Num(y - 7)}\" width=\"{XmlText.Num(Math.Max(1, p.X2 - p.X1))}\" height=\"14\">");
        sb.Append("<title>").Append(XmlText.Escape($"{d.Lanes[p.Lane].Name} is {kind} from {MessageLabels.Ms(p.FromTick)} {until}.")).Append("</title></rect>\n");
    }

    private static void Mark(StringBuilder sb, SpaceTimeMark m, double top, double bottom)
    {
        var x = m.X;
        var y = m.Y;
        var cls = m.Kind switch
        {
            MarkKind.Crash => "crash",
            MarkKind.Recover => "recover",
            MarkKind.Decision => m.Decision == Outcome.Commit ? "decision commit" : "decision abort",
            MarkKind.ForcedWrite => "forced-write",
            MarkKind.Suspect => "suspect",
            MarkKind.Freeze => "freeze",
            _ => "violation",
        };
        sb.Append(CultureInfo.InvariantCulture, $"<g class=\"mark {cls}\"><title>{XmlText.Escape(m.Description)}</title>");
        switch (m.Kind)
        {
            case MarkKind.Crash:
                sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{N(x - 6)},{N(y - 6)} L{N(x + 6)},{N(y + 6)} M{N(x - 6)},{N(y + 6)} L{N(x + 6)},{N(y - 6)}\"/>");
                Label(sb, x, y - 10, m.Label);
                break;
            case MarkKind.Recover:
                sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{N(x)},{N(y - 7)} L{N(x + 6)},{N(y + 5)} L{N(x - 6)},{N(y + 5)} Z\"/>");
                Label(sb, x, y - 10, m.Label);
                break;
            case MarkKind.Decision:
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"5.5\"/>");
                Label(sb, x, y - 10, m.Label);
                break;
            case MarkKind.ForcedWrite:
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x - 3)}\" y=\"{N(y - 4.5)}\" width=\"6\" height=\"9\" rx=\"1\"/>");
                if (m.Record is LogRecordKind.Prepared or LogRecordKind.PreCommit)
                {
                    // A forced COMMIT or ABORT sits under the decision's own label; the promises need theirs.
                    Label(sb, x, y + 17, m.Label);
                }

                break;
            case MarkKind.Suspect:
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"5\"/><text x=\"{N(x)}\" y=\"{N(y)}\">?</text>");
                break;
            case MarkKind.Freeze:
                sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(x - 4)}\" y=\"{N(y - 5)}\" width=\"3\" height=\"10\"/><rect x=\"{N(x + 1)}\" y=\"{N(y - 5)}\" width=\"3\" height=\"10\"/>");
                Label(sb, x, y - 10, m.Label);
                break;
            default:
                sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{N(top)}\" x2=\"{N(x)}\" y2=\"{N(bottom)}\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<path d=\"M{N(x)},{N(y - 8)} L{N(x + 7)},{N(y + 5)} L{N(x - 7)},{N(y + 5)} Z\"/>");
                Label(sb, x, y + 18, "VIOLATION");
                break;
        }

        sb.Append("</g>\n");
    }

    private static void Label(StringBuilder sb, double x, double y, string text) =>
        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"mark-label\" x=\"{N(x)}\" y=\"{N(y)}\">{XmlText.Escape(text)}</text>");

    private static string N(double value) => XmlText.Num(value);
}
