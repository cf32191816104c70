using System.Collections.Concurrent;
using System.Collections.Immutable;
using CommitLab.Engine.Protocols;

namespace CommitLab.Web.Lab.Network;

/// <summary>One line of the network drawing's legend: a marker as the drawing shows it, and what it stands for.</summary>
public sealed record LegendEntry(string Family, string Glyph, string Words)
{
    private static readonly ConcurrentDictionary<ProtocolKind, ImmutableArray<LegendEntry>> Cache = new();

    /// <summary>
    /// The legend of a run of <paramref name="protocol"/>: every message its roles declare they send
    /// (<see cref="ProtocolVocabulary"/>), in the run's own words (3PC says CAN-COMMIT?, Tahoe-LAFS
    /// READ and WRITE). Kinds the drawing shows alike (one shape, one colour) share a line.
    /// </summary>
    public static ImmutableArray<LegendEntry> For(ProtocolKind protocol) => Cache.GetOrAdd(protocol, static p =>
    [
        .. ProtocolVocabulary.Of(p).Sends
            .Order()
            .GroupBy(kind => (Family: MessageStyle.Family(kind), Shape: MessageStyle.Shape(kind)))
            .OrderBy(g => Array.IndexOf(FlowOrder, g.Key.Family))
            .ThenBy(g => g.Key.Shape)
            .Select(g => new LegendEntry(g.Key.Family, GlyphOf(g.Key.Shape), string.Join(" / ", g.Select(MessageStyle.LegendWord).OfType<string>()))),
    ]);

    /// <summary>The legend reads in the order a run goes: the request, the votes, the decision, the acknowledgement, then the asking.</summary>
    private static readonly string[] FlowOrder =
        ["msg-request", "msg-yes", "msg-no", "msg-precommit", "msg-commit", "msg-abort", "msg-ack", "msg-termination"];

    private static string GlyphOf(MessageShape shape) => shape switch
    {
        MessageShape.Circle => "●",
        MessageShape.Diamond => "◆",
        MessageShape.Square => "■",
        MessageShape.Triangle => "▲",
        MessageShape.Hexagon => "⬢",
        _ => "?",
    };
}
