using System.Collections.Concurrent;
using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;

namespace CommitLab.Web.Lab.Network;

/// <summary>One line of the network drawing's legend: a marker as the drawing shows it, and what it stands for.</summary>
public sealed record LegendEntry(string Family, string Glyph, string Words)
{
    private static readonly ConcurrentDictionary<string, ImmutableArray<LegendEntry>> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The legend of any run of <paramref name="protocol"/>: every message its roles declare they send
    /// (<see cref="ProtocolVocabulary"/>), in the run's own words (3PC says CAN-COMMIT?, Tahoe-LAFS
    /// READ and WRITE). Kinds the drawing shows alike (one shape, one colour) share a line.
    /// </summary>
    public static ImmutableArray<LegendEntry> For(ProtocolKind protocol) => Of(protocol, ProtocolVocabulary.Of(protocol).Sends);

    /// <summary>
    /// The legend of a run of <paramref name="scenario"/>: only the messages this run can send, so a
    /// student is not told of a mark that never appears. What the roles of its nodes declare, less a
    /// READ-ONLY vote when no participant of it is read-only (a participant votes read-only only when
    /// the scenario makes it one; no fault can). Same order and lines as <see cref="For(ProtocolKind)"/>.
    /// </summary>
    public static ImmutableArray<LegendEntry> For(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var roles = scenario.NodeNames().Select(n => ProtocolVocabulary.RoleOf(scenario, n)).OfType<RoleVocabulary>().ToList();
        var sends = roles.Count == 0 ? ProtocolVocabulary.Of(scenario.Protocol).Sends : roles.SelectMany(r => r.Sends);
        return Of(scenario.Protocol, sends.Where(kind => kind != MessageKind.VoteReadOnly || !scenario.ReadOnly.IsEmpty));
    }

    private static ImmutableArray<LegendEntry> Of(ProtocolKind protocol, IEnumerable<MessageKind> sends)
    {
        var kinds = sends.Distinct().Order().ToList();
        return Cache.GetOrAdd($"{protocol}:{string.Join(',', kinds)}", _ =>
        [
            .. kinds
                .GroupBy(kind => (Family: MessageStyle.Family(kind), Shape: MessageStyle.Shape(kind)))
                .OrderBy(g => Array.IndexOf(FlowOrder, g.Key.Family))
                .ThenBy(g => g.Key.Shape)
                .Select(g => new LegendEntry(g.Key.Family, GlyphOf(g.Key.Shape), string.Join(" / ", g.Select(MessageStyle.LegendWord).OfType<string>())))
                .Where(e => e.Words.Length > 0),
        ]);
    }

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
