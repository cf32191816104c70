namespace CommitLab.Web.Lab.Network;

/// <summary>
/// Where a message is drawn when its label is large beside the nodes: along its link, as in the
/// usual drawing, but on a way that starts where its marker and label first clear every obstacle
/// (a node's circle, a state word) and ends where they last do. Drawn large, a label leaving a
/// node's rim would lie over that node: at 0 ms three PREPAREs cover L and its name. A short, steep
/// link may be clear only in its second half: the message then appears there. A link with no clear
/// stretch at all keeps the usual way from rim to rim.
/// </summary>
public static class MessageWay
{
    /// <summary>Room around a text's estimated box: its outline stroke, and what the estimate of its width may miss.</summary>
    public const double TextPadding = 4;

    /// <summary>How far a text's box reaches above its baseline, in ems (Chromium's sans-serif box is 1.16 em tall, a quarter of it under the baseline).</summary>
    public const double Ascent = 0.92;

    /// <summary>How far along a link, in units, the search for a message's clear start and end moves at a time.</summary>
    private const double PlacementStep = 4;

    /// <summary>The largest marker lab.css draws, from its centre (a commit's diamond).</summary>
    private const double Marker = 14;

    /// <summary>
    /// The usual drawing with each message placed clear of every node's circle, for a page that draws
    /// message labels at <paramref name="labelFontSize"/> (the side-by-side comparison draws them
    /// larger than the Lab to be read at half the width).
    /// </summary>
    public static NetworkView Arrange(NetworkView view, double labelFontSize)
    {
        ArgumentNullException.ThrowIfNull(view);
        var at = view.Nodes.ToDictionary(n => n.Name, n => n.At, StringComparer.Ordinal);
        var circles = view.Nodes.Select(n => Circle(n.At)).ToList();
        var size = MessageBox(labelFontSize, 1);
        return view with
        {
            Messages = [.. view.Messages.Select(m => m with { At = Place(m, at[m.From], at[m.To], circles, size(m.Label), view.Tick) })],
        };
    }

    /// <summary>
    /// Where <paramref name="message"/> is at <paramref name="tick"/>: its progress mapped onto the
    /// stretch of its link where a box of <paramref name="size"/> around it meets no obstacle.
    /// </summary>
    public static Point Place(MessageGlyph message, Point from, Point to, IReadOnlyList<Box> obstacles, Box size, long tick)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(obstacles);
        var rim = NetworkView.Rim(from, to);
        bool Clear(double t)
        {
            var box = size.At(NetworkView.Along(from, to, t));
            return !obstacles.Any(w => w.Overlaps(box));
        }

        var step = PlacementStep / Math.Max(1, Math.Sqrt(Math.Pow(to.X - from.X, 2) + Math.Pow(to.Y - from.Y, 2)));
        var start = rim;
        while (start <= 1 - rim && !Clear(start))
        {
            start += step;
        }

        var end = 1 - rim;
        while (end >= start && !Clear(end))
        {
            end -= step;
        }

        if (end < start)
        {
            (start, end) = (rim, 1 - rim);
        }

        return NetworkView.Along(from, to, start + ((end - start) * NetworkView.Progress(message.SentAt, message.DeliverAt, tick)));
    }

    /// <summary>
    /// The box a message fills around its position, from its label: its marker (scaled by
    /// <paramref name="markerScale"/>) and its label over it (bold capitals at
    /// <paramref name="labelFontSize"/>, about 0.76 em a letter, its baseline 18 units up).
    /// </summary>
    public static Func<string, Box> MessageBox(double labelFontSize, double markerScale) => label =>
    {
        var marker = Marker * markerScale;
        const double baseline = -18;
        var half = Math.Max(marker, (label.Length * 0.76 * labelFontSize / 2) + TextPadding);
        return new Box(-half, baseline - (Ascent * labelFontSize) - TextPadding, half, marker);
    };

    /// <summary>The square around a node's circle.</summary>
    public static Box Circle(Point centre) => new(
        centre.X - NetworkLayout.NodeRadius - TextPadding,
        centre.Y - NetworkLayout.NodeRadius - TextPadding,
        centre.X + NetworkLayout.NodeRadius + TextPadding,
        centre.Y + NetworkLayout.NodeRadius + TextPadding);

    /// <summary>A rectangle of the drawing: a word, a node's circle, or a message's marker and label.</summary>
    public readonly record struct Box(double Left, double Top, double Right, double Bottom)
    {
        public bool Overlaps(Box other) => Left < other.Right && other.Left < Right && Top < other.Bottom && other.Top < Bottom;

        /// <summary>This box, measured from a message's centre, placed at <paramref name="centre"/>.</summary>
        public Box At(Point centre) => new(centre.X + Left, centre.Y + Top, centre.X + Right, centre.Y + Bottom);
    }
}
