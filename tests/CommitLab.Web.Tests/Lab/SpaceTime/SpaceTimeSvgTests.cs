using System.Xml.Linq;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;
using CommitLab.Web.Lab.SpaceTime;
using CommitLab.Web.Tests.Lab.Narration;

namespace CommitLab.Web.Tests.Lab.SpaceTime;

public sealed class SpaceTimeSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static SpaceTimeDiagram Whole(Trace trace, SpaceTimeOptions? options = null) =>
        SpaceTimeDiagram.Build(trace, trace.Count, trace.Events[^1].Tick, options ?? SpaceTimeOptions.Default);

    private static IEnumerable<XElement> WithClass(XDocument doc, string name, string cls) =>
        doc.Descendants(Svg + name).Where(e => ((string?)e.Attribute("class") ?? "").Split(' ').Contains(cls));

    [Fact]
    public void The_svg_is_a_standalone_document_with_one_shaft_per_arrow()
    {
        var (_, trace) = LessonRuns.Lesson("3pc-partition-timeout-detector.yaml");
        var d = Whole(trace);
        var doc = XDocument.Parse(SpaceTimeSvg.Render(d));

        var root = doc.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.NotNull(root.Attribute("width"));
        Assert.NotNull(root.Attribute("height"));
        Assert.StartsWith("0 0 ", (string?)root.Attribute("viewBox"), StringComparison.Ordinal);
        Assert.NotNull(root.Element(Svg + "style"));
        Assert.Equal(d.Title, (string?)root.Element(Svg + "title"));
        Assert.NotEmpty(doc.Descendants(Svg + "marker"));

        var arrows = WithClass(doc, "g", "arrow").ToList();
        Assert.Equal(d.Arrows.Length, arrows.Count);
        Assert.All(arrows, g =>
        {
            Assert.Single(g.Elements(Svg + "line"));
            // Every arrow carries a text label, unless it is one of a sender's repeats that a bracket sums up.
            Assert.True(!string.IsNullOrWhiteSpace((string?)g.Element(Svg + "text")) || ((string)g.Attribute("class")!).Contains("summed", StringComparison.Ordinal), "every arrow carries a text label");
            Assert.False(string.IsNullOrWhiteSpace((string?)g.Element(Svg + "title")), "every arrow has a tooltip");
        });

        // Lost messages get an X and no arrowhead; delivered ones an arrowhead.
        var dropped = arrows.Where(g => ((string)g.Attribute("class")!).Contains("dropped", StringComparison.Ordinal)).ToList();
        Assert.Equal(d.Arrows.Count(a => a.Status == ArrowStatus.Dropped), dropped.Count);
        Assert.All(dropped, g => Assert.Single(g.Elements(Svg + "path"), p => (string?)p.Attribute("class") == "drop-x"));
        Assert.All(dropped, g => Assert.Null(g.Element(Svg + "line")!.Attribute("marker-end")));

        Assert.Equal(d.Lanes.Length, WithClass(doc, "text", "lane-label").Count());
        Assert.Equal(d.Gridlines.Length, WithClass(doc, "line", "gridline").Count());
        Assert.Equal(d.Marks.Length, WithClass(doc, "g", "mark").Count());
        Assert.All(WithClass(doc, "g", "mark"), m => Assert.NotNull(m.Element(Svg + "title")));
        Assert.Single(WithClass(doc, "line", "cursor"));
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "PRE-COMMIT (PRE)");
    }

    [Fact]
    public void The_inline_form_is_the_same_svg_without_the_xml_declaration()
    {
        var d = Whole(LessonRuns.FaultFree(ProtocolKind.TwoPhase));
        var file = SpaceTimeSvg.Render(d);
        var inline = SpaceTimeSvg.RenderInline(d);

        Assert.StartsWith("<?xml", file, StringComparison.Ordinal);
        Assert.StartsWith("<svg", inline, StringComparison.Ordinal);
        Assert.EndsWith(inline, file, StringComparison.Ordinal);
        Assert.Equal(Svg + "svg", XDocument.Parse(inline).Root!.Name);
    }

    [Fact]
    public void In_flight_arrows_are_dashed()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.TwoPhase);
        var upTo = trace.Events.TakeWhile(e => e.Tick <= 50).Count();
        var d = SpaceTimeDiagram.Build(trace, upTo, 50, SpaceTimeOptions.Default);
        var doc = XDocument.Parse(SpaceTimeSvg.Render(d));

        Assert.Equal(3, WithClass(doc, "g", "in-flight").Count());
        Assert.Contains(".in-flight .shaft { stroke-dasharray", (string)doc.Root!.Element(Svg + "style")!, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_is_escaped()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.TwoPhase);
        const string title = "Crash <L> & \"see\" what's blocked";
        var svg = SpaceTimeSvg.Render(Whole(trace, SpaceTimeOptions.Default with { Title = title + "\u0001" }));

        Assert.Contains("Crash &lt;L&gt; &amp; &quot;see&quot; what&apos;s blocked", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<L>", svg, StringComparison.Ordinal);
        var doc = XDocument.Parse(svg);
        Assert.Equal(title, (string?)doc.Root!.Element(Svg + "title"));
    }

    [Fact]
    public void A_long_blocked_run_renders_with_readable_short_labels()
    {
        var (_, trace) = LessonRuns.Lesson("2pc-leader-crash-after-commit.yaml");
        var d = Whole(trace);
        var doc = XDocument.Parse(SpaceTimeSvg.Render(d));

        var arrows = WithClass(doc, "g", "arrow").ToList();
        Assert.Equal(d.Arrows.Length, arrows.Count);
        var labels = arrows.Where(g => !((string)g.Attribute("class")!).Contains("summed", StringComparison.Ordinal)).Select(g => (string)g.Element(Svg + "text")!).ToList();

        // The endless asking is summed up per sender, not labelled arrow by arrow.
        Assert.Contains(WithClass(doc, "text", "repeat-label"), t => t.Value.StartsWith("P1 asked ", StringComparison.Ordinal));
        Assert.All(labels, l => Assert.True(d.Arrows.Any(a => a.Label == l || a.ShortLabel == l), l));
        Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "DECISION-REQ (ASK)");
    }

    [Fact]
    public void A_blocked_runs_repeated_requests_are_summed_up_in_one_bracket_per_sender_instead_of_a_label_each()
    {
        using var lab = new CommitLab.Web.Lab.PlaybackSession();
        lab.Load(new CommitLab.Engine.Scenarios.Scenario { Participants = 3 } with
        {
            Faults = [new CommitLab.Engine.Faults.ScheduledFault(
                new CommitLab.Engine.Faults.FaultTiming.OnTrigger(CommitLab.Engine.Faults.FaultText.ParseTrigger("L logs commit")),
                CommitLab.Engine.Faults.FaultText.ParseAction("crash L"))],
        });
        lab.SeekTick(2_000);
        var standstill = lab.Frame.Standstill!;
        var (d, doc) = lab.Read(sim =>
        {
            var diagram = SpaceTimeDiagram.Build(sim.Trace, sim.Trace.Count, sim.Tick, SpaceTimeOptions.Default);
            return (diagram, XDocument.Parse(SpaceTimeSvg.Render(diagram)));
        });

        var brackets = WithClass(doc, "g", "repeat").ToList();
        var p2Asks = standstill.Asks.Single(a => a.Node == "P2").Times;
        var p2 = brackets.Where(b => (string?)b.Attribute("data-lane") == "P2").Select(b => (string)b.Element(Svg + "text")!).ToList();
        // One bracket per sender, naming all its repeats.
        var words = Assert.Single(p2);
        Assert.StartsWith($"P2 asked {p2Asks} times, answered “don't know” ", words, StringComparison.Ordinal);

        // No ASK label is drawn for a summed arrow; the arrows themselves stay, one per message.
        var summed = WithClass(doc, "g", "summed").ToList();
        Assert.NotEmpty(summed);
        Assert.All(summed, g => Assert.Null(g.Element(Svg + "text")));
        Assert.Equal(d.Arrows.Length, WithClass(doc, "g", "arrow").Count());
    }
}
