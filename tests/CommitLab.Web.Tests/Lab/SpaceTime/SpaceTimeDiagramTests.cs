using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;
using CommitLab.Web.Lab.SpaceTime;
using CommitLab.Web.Tests.Lab.Narration;

namespace CommitLab.Web.Tests.Lab.SpaceTime;

public sealed class SpaceTimeDiagramTests
{
    private static SpaceTimeDiagram Whole(Trace trace, SpaceTimeOptions? options = null) =>
        SpaceTimeDiagram.Build(trace, trace.Count, trace.Events[^1].Tick, options ?? SpaceTimeOptions.Default);

    [Fact]
    public void Fault_free_2pc_has_a_lane_per_node_and_twelve_delivered_arrows()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.TwoPhase);
        var d = Whole(trace);

        Assert.Equal(["L", "P1", "P2", "P3"], d.Lanes.Select(l => l.Name));
        Assert.True(d.Lanes.Zip(d.Lanes.Skip(1)).All(p => p.First.Y < p.Second.Y), "L on top, then P1..P3");
        Assert.Equal(12, d.Arrows.Length);
        Assert.All(d.Arrows, a =>
        {
            Assert.Equal(ArrowStatus.Delivered, a.Status);
            Assert.True(a.EndTick > a.SentTick);
            Assert.Equal(d.Lanes[a.FromLane].Y, a.Y1);
            Assert.Equal(d.Lanes[a.ToLane].Y, a.Y2);
            Assert.Equal(d.Scale.X(a.SentTick), a.X1);
            Assert.Equal(d.Scale.X(a.EndTick), a.X2);
            Assert.Equal(DropReason.None, a.DropReason);
        });
        Assert.Equal(3, d.Arrows.Count(a => a.Label == "PREPARE"));
        Assert.Equal(3, d.Arrows.Count(a => a.Label == "ACK(COMMIT)"));
        Assert.Equal(12, d.Arrows.Select(a => a.MessageId).Distinct().Count());
        Assert.False(d.Truncated);

        // Forced writes: three PREPARED and three participant COMMITs plus L's; four decisions.
        Assert.Equal(3, d.Marks.Count(m => m.Kind == MarkKind.ForcedWrite && m.Record == LogRecordKind.Prepared));
        Assert.Equal(4, d.Marks.Count(m => m.Kind == MarkKind.Decision && m.Decision == Outcome.Commit));
    }

    [Fact]
    public void The_whole_run_fits_the_width_on_round_gridlines()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.TwoPhase);
        var d = Whole(trace);

        Assert.Equal(SpaceTimeOptions.Default.Width, d.Width);
        Assert.True(d.Arrows.Max(a => a.X2) <= d.Width - SpaceTimeOptions.Default.RightMargin + 0.001);
        Assert.Equal(0, d.Scale.StartTick);
        Assert.Contains(d.Scale.GridStep, new long[] { 10, 20, 50, 100, 200, 500, 1000 });
        Assert.NotEmpty(d.Gridlines);
        Assert.All(d.Gridlines, g =>
        {
            Assert.Equal(0, g.Tick % d.Scale.GridStep);
            Assert.Equal($"{g.Tick} ms", g.Label);
        });
        Assert.Equal(d.Scale.X(trace.Events[^1].Tick), d.CursorX);
    }

    [Fact]
    public void A_long_run_keeps_a_minimum_scale_and_grows_wider()
    {
        var (_, trace) = LessonRuns.Lesson("2pc-leader-crash-after-commit.yaml");
        var d = Whole(trace);

        Assert.True(d.Width > SpaceTimeOptions.Default.Width, "a blocked run is too long to fit legibly");
        Assert.Equal(SpaceTimeOptions.Default.MinPixelsPerTick, d.Scale.PixelsPerTick);
        Assert.True(d.Scale.GridStep >= 100);
        Assert.Contains(d.Marks, m => m.Kind == MarkKind.Crash && d.Lanes[m.Lane].Name == "L");
        var down = Assert.Single(d.Periods);
        Assert.Equal(PeriodKind.Down, down.Kind);
        Assert.True(down.Open, "L never recovers in this run");
        Assert.Equal(d.CursorX, down.X2);
    }

    [Fact]
    public void A_dropped_message_ends_at_the_drop_tick()
    {
        var (_, trace) = LessonRuns.Lesson("2pc-cooperative-termination-aborts.yaml");
        var d = Whole(trace);
        var drops = trace.Events.Where(e => e.Kind == TraceKind.Drop).ToDictionary(e => e.MessageId);

        var dropped = d.Arrows.Where(a => a.Status == ArrowStatus.Dropped).ToList();
        Assert.Equal(drops.Count, dropped.Count);
        Assert.All(dropped, a =>
        {
            Assert.Equal(drops[a.MessageId].Tick, a.EndTick);
            Assert.Equal(drops[a.MessageId].Reason, a.DropReason);
            Assert.Equal(d.Scale.X(a.EndTick), a.X2);
        });

        // The injected drop of PREPARE to P2 happens as it is sent; the votes to the crashed L die on arrival.
        var prepare = Assert.Single(dropped, a => a.Kind == MessageKind.Prepare);
        Assert.Equal(DropReason.Injected, prepare.DropReason);
        Assert.Equal(prepare.SentTick, prepare.EndTick);
        Assert.Equal(prepare.Y1, prepare.Y2);
        Assert.All(dropped.Where(a => a.DropReason == DropReason.ReceiverDown), a => Assert.Equal(d.Lanes[a.ToLane].Y, a.Y2));
    }

    [Fact]
    public void A_message_lost_on_a_link_cut_mid_flight_stops_part_way()
    {
        var trace = LessonRuns.WithFaults(ProtocolKind.TwoPhase, LessonRuns.At(50, "cut L-P3"));
        var d = Whole(trace);

        var cut = d.Arrows.Where(a => a.Status == ArrowStatus.Dropped && a.DropReason == DropReason.LinkCut && a.EndTick > a.SentTick).ToList();
        Assert.NotEmpty(cut);
        Assert.All(cut, a =>
        {
            Assert.Equal(50, a.EndTick);
            var (lo, hi) = (Math.Min(a.Y1, d.Lanes[a.ToLane].Y), Math.Max(a.Y1, d.Lanes[a.ToLane].Y));
            Assert.InRange(a.Y2, lo, hi);
            Assert.NotEqual(d.Lanes[a.ToLane].Y, a.Y2);
        });
    }

    [Fact]
    public void At_a_cursor_mid_run_messages_in_flight_end_at_the_cursor()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.TwoPhase);
        const long cursor = 50;
        var upTo = trace.Events.TakeWhile(e => e.Tick <= cursor).Count();
        var d = SpaceTimeDiagram.Build(trace, upTo, cursor, SpaceTimeOptions.Default);

        var inFlight = d.Arrows.Where(a => a.Status == ArrowStatus.InFlight).ToList();
        Assert.Equal(3, inFlight.Count); // the three votes, sent by 39 ms, due after 50 ms
        Assert.All(inFlight, a =>
        {
            Assert.Equal(MessageKind.VoteYes, a.Kind);
            Assert.Equal(cursor, a.EndTick);
            Assert.Equal(d.CursorX, a.X2);
            Assert.True(a.DueTick > cursor);
            var (lo, hi) = (Math.Min(a.Y1, d.Lanes[a.ToLane].Y), Math.Max(a.Y1, d.Lanes[a.ToLane].Y));
            Assert.InRange(a.Y2, lo, hi);
            Assert.NotEqual(d.Lanes[a.ToLane].Y, a.Y2);
        });
        Assert.All(d.Arrows.Where(a => a.Status == ArrowStatus.Delivered), a => Assert.True(a.EndTick <= cursor));
        Assert.Equal(6, d.Arrows.Length);
        Assert.Equal(d.Scale.X(cursor), d.CursorX);

        // The scale is the whole run's, so scrubbing does not rescale the picture.
        Assert.Equal(Whole(trace).Scale, d.Scale);
    }

    [Fact]
    public void Violations_suspicions_and_freezes_are_marked()
    {
        var (_, trace) = LessonRuns.Lesson("3pc-partition-timeout-detector.yaml");
        var d = Whole(trace);

        var violations = d.Marks.Where(m => m.Kind == MarkKind.Violation).ToList();
        Assert.Equal(2, violations.Count);
        Assert.Equal(["P2", "P3"], violations.Select(v => d.Lanes[v.Lane].Name));
        Assert.All(violations, v => Assert.Contains("atomicity", v.Description, StringComparison.Ordinal));
        Assert.Contains(d.Marks, m => m.Kind == MarkKind.Suspect && d.Lanes[m.Lane].Name == "P2" && m.Peer == 0);

        var frozen = Whole(LessonRuns.WithFaults(ProtocolKind.TwoPhase, LessonRuns.At(30, "freeze P1 for 100")));
        var freeze = Assert.Single(frozen.Marks, m => m.Kind == MarkKind.Freeze);
        Assert.Equal(130, freeze.UntilTick);
        var period = Assert.Single(frozen.Periods);
        Assert.Equal((PeriodKind.Frozen, 30L, 130L, false), (period.Kind, period.FromTick, period.ToTick, period.Open));
    }

    [Fact]
    public void A_bounded_diagram_keeps_the_newest_items_and_says_so()
    {
        var (_, trace) = LessonRuns.Lesson("2pc-leader-crash-after-commit.yaml");
        var full = Whole(trace);
        var d = Whole(trace, SpaceTimeOptions.Default with { MaxItems = 40 });

        Assert.False(full.Truncated);
        Assert.True(d.Truncated);
        Assert.Equal(40, d.Arrows.Length + d.Marks.Length);
        Assert.Equal(full.Arrows.Length + full.Marks.Length - 40, d.Omitted);
        Assert.Equal(full.Arrows.TakeLast(d.Arrows.Length).Select(a => a.MessageId), d.Arrows.Select(a => a.MessageId));
        Assert.True(d.Scale.StartTick > 0, "the axis starts where the kept items start");
        Assert.All(d.Arrows, a => Assert.True(a.X1 >= d.Scale.Origin));
    }

    [Fact]
    public void Building_is_deterministic_and_rejects_nonsense_options()
    {
        var trace = LessonRuns.FaultFree(ProtocolKind.ThreePhase);
        Assert.Equal(SpaceTimeSvg.Render(Whole(trace)), SpaceTimeSvg.Render(Whole(trace)));
        Assert.Equal(18, Whole(trace).Arrows.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => Whole(trace, SpaceTimeOptions.Default with { Width = 0 }));
        Assert.Throws<ArgumentNullException>(() => SpaceTimeDiagram.Build(null!, 0, 0, SpaceTimeOptions.Default));

        var empty = SpaceTimeDiagram.Build(trace, 0, 0, SpaceTimeOptions.Default);
        Assert.Empty(empty.Arrows);
        Assert.Equal(4, empty.Lanes.Length);
    }
}
