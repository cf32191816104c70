using System.Collections.Immutable;
using Box = CommitLab.Web.Lab.Network.MessageWay.Box;

namespace CommitLab.Web.Lab.Network;

/// <summary>
/// The network drawing arranged for a phone, the size of its viewBox, and the nodes whose state
/// word goes above their circle rather than under it.
/// </summary>
public sealed record PhoneNetwork(NetworkView View, double Width, double Height, ImmutableHashSet<string> WordsAbove);

/// <summary>
/// The network drawing on a phone. The usual drawing is landscape (1000 x 600): on a 390 px wide
/// screen it shrinks to 39%, so its 15-unit state words read at 6 px. Here the same picture is
/// turned on its side: the wide layout is mirrored across its diagonal (L on the left, the
/// participants on an arc to its right, LOG under L), which keeps every distance between nodes,
/// then the side that is now vertical is squeezed as far as the state words under the nodes
/// allow. The result is about half as wide as the usual drawing, so at the same screen width
/// every unit is twice as large, and the phone's text (see lab.css, <c>svg.network.phone</c>)
/// reads at 12 px or more. Only positions change: every node, link and message keeps its name,
/// state and description.
/// </summary>
public static class PhoneLayout
{
    /// <summary>The state word's size on a phone, in viewBox units; lab.css's <c>svg.network.phone .node .state</c> uses it.</summary>
    public const double StateFontSize = 24;

    /// <summary>A crashed node's word on a phone (lab.css's <c>.state.crashed-word</c>).</summary>
    public const double CrashedFontSize = 26;

    /// <summary>A message's label on a phone (lab.css's <c>svg.network.phone .message .label</c>).</summary>
    public const double MessageLabelFontSize = 24;

    private const double TextPadding = MessageWay.TextPadding;

    private const double Ascent = MessageWay.Ascent;

    /// <summary>
    /// Room beside a node's centre for the widest state word (a Tahoe-LAFS server's "locked for W1
    /// try 1", 19 letters at about half an em each), so a word under a node at the edge is not cut off.
    /// </summary>
    private const double SideMargin = 0.52 * 10 * StateFontSize;

    /// <summary>How much of the wide layout's height the phone uses across: the participants' column stays close to L.</summary>
    private const double Across = 0.75;

    /// <summary>Two nodes closer than this across must be this far apart down, so one's word stays clear of the other's circle.</summary>
    private const double WordWidth = 2 * SideMargin;

    /// <summary>From a node's centre to the next one's down a column: its circle, its state word, a gap, the next circle.</summary>
    private const double StackedHeight = NetworkLayout.NodeRadius + NetworkLayout.NodeRadius + 58;

    private const double MinSqueeze = 0.55;

    private const double MaxSqueeze = 1.25;

    /// <summary>Above the top node: its state word; over that, a line of text when a node is down.</summary>
    private const double Top = NetworkLayout.NodeRadius + 88;

    /// <summary>Under the bottom node: its state word and suspects line (the partition legend adds a line per side).</summary>
    private const double Bottom = NetworkLayout.NodeRadius + 76;

    /// <summary>One line of the partition legend, which a phone draws under the nodes, a line per side.</summary>
    public const double LegendLine = 26;

    public static PhoneNetwork Arrange(NetworkView wide)
    {
        ArgumentNullException.ThrowIfNull(wide);
        if (wide.Nodes.IsEmpty)
        {
            return new PhoneNetwork(wide, NetworkLayout.Height, NetworkLayout.Width, []);
        }

        var (minX, maxX) = (wide.Nodes.Min(n => n.At.X), wide.Nodes.Max(n => n.At.X));
        var (minY, maxY) = (wide.Nodes.Min(n => n.At.Y), wide.Nodes.Max(n => n.At.Y));
        var squeeze = Squeeze(wide.Nodes.Select(n => n.At).ToList());

        Point Map(Point p) => new(SideMargin + (Across * (p.Y - minY)), Top + (squeeze * (p.X - minX)));

        var at = wide.Nodes.ToDictionary(n => n.Name, n => Map(n.At), StringComparer.Ordinal);
        var nodes = wide.Nodes.Select(n => n with { At = at[n.Name] }).ToImmutableArray();
        var wordsAbove = WordsAbove(nodes);
        var words = nodes.Select(n => WordBox(n, wordsAbove)).ToList();
        var view = wide with
        {
            Nodes = nodes,
            Links = [.. wide.Links.Select(l => l with { From = at[l.A], To = at[l.B] })],
            // Placed afresh along the new links rather than mapped: the mirror would move a message
            // to the other side of its link and the squeeze would bring it onto the node's rim.
            // Clear of the state words, which on a phone are large beside the links (MessageWay).
            Messages = [.. wide.Messages.Select(m => m with { At = MessageWay.Place(m, at[m.From], at[m.To], words, MessageBox(m.Label), wide.Tick) })],
        };

        var width = (2 * SideMargin) + (Across * (maxY - minY));
        var legend = wide.Groups.IsEmpty ? 0 : 12 + (LegendLine * wide.Groups.Length);
        var height = Top + (squeeze * (maxX - minX)) + Bottom + legend;
        return new PhoneNetwork(view, Math.Ceiling(width), Math.Ceiling(height), wordsAbove);
    }

    /// <summary>
    /// L's word goes above it, as in the usual drawing. A node higher than L has its links to L
    /// leaving downwards, through a word under it (and every message's label with them), so its
    /// word goes above too. LOG sits under L here, so its word stays under it, clear of their link.
    /// Paxos Commit's acceptors sit beside the participants, closer than a word's width: their
    /// words go above and the participants' under, so the two never share a line.
    /// </summary>
    private static ImmutableHashSet<string> WordsAbove(ImmutableArray<NodeGlyph> nodes)
    {
        if (nodes.FirstOrDefault(n => n.Name == "L") is not { } leader)
        {
            return [];
        }

        return [.. nodes.Where(n => n == leader || n.At.Y < leader.At.Y - NetworkLayout.NodeRadius || NetworkLayout.IsAcceptor(n.Name)).Select(n => n.Name)];
    }

    /// <summary>
    /// The box a node's state word fills on a phone, from its length: lab.css draws it at
    /// <see cref="StateFontSize"/> (lower case, at most about 0.58 em a letter), "crashed" at
    /// <see cref="CrashedFontSize"/> in spaced capitals (about 0.85 em), centred on the node.
    /// </summary>
    private static Box WordBox(NodeGlyph node, IReadOnlySet<string> wordsAbove)
    {
        var (text, size, em) = node.Up ? (node.StateText, StateFontSize, 0.58) : ("crashed", CrashedFontSize, 0.85);
        var baseline = node.At.Y + NetworkLayout.StateY(node.Name, !node.Up, wordsAbove);
        var half = (text.Length * em * size / 2) + TextPadding;
        return new Box(node.At.X - half, baseline - (Ascent * size) - TextPadding, node.At.X + half, baseline + (0.25 * size) + TextPadding);
    }

    /// <summary>
    /// The box a message fills around its position on a phone: its marker (lab.css scales it by 1.4
    /// there) and its label at <see cref="MessageLabelFontSize"/>.
    /// </summary>
    private static readonly Func<string, Box> MessageBox = MessageWay.MessageBox(MessageLabelFontSize, 1.4);

    /// <summary>
    /// The least squeeze of the wide layout's width (which becomes the phone's height) that keeps
    /// every pair of nodes in one column far enough apart for a circle and its words.
    /// </summary>
    private static double Squeeze(List<Point> wide)
    {
        var squeeze = MinSqueeze;
        for (var i = 0; i < wide.Count; i++)
        {
            for (var j = i + 1; j < wide.Count; j++)
            {
                var across = Across * Math.Abs(wide[i].Y - wide[j].Y);
                var down = Math.Abs(wide[i].X - wide[j].X);
                if (across < WordWidth && down > 0)
                {
                    squeeze = Math.Max(squeeze, StackedHeight / down);
                }
            }
        }

        return Math.Min(squeeze, MaxSqueeze);
    }
}
