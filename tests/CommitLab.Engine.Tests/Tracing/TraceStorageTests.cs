using System.Collections.Immutable;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Tracing;

namespace CommitLab.Engine.Tests.Tracing;

/// <summary>The trace stores events compactly; everything a view reads must come back exactly as recorded.</summary>
public class TraceStorageTests
{
    private static readonly ImmutableArray<string> Names = ["L", "P1", "P2"];

    [Fact]
    public void Every_field_of_an_event_reads_back_as_it_was_recorded()
    {
        var trace = new Trace(Names);
        TraceEvent[] recorded =
        [
            new(0, 0, 0, TraceKind.Fault, Text: "crash L (at t=0)"),
            new(0, 17, 3, TraceKind.Send, 0, 2, 4_000_000_000, MessageKind.Phase1b, Outcome.Abort, Phase.PreCommitted, Value: long.MaxValue, Slot: new PaxosSlot(2, 5, 3)),
            new(0, 17, 3, TraceKind.Drop, 2, 0, 9, MessageKind.StateReport, State: Phase.Uncertain, Reason: DropReason.Injected),
            new(0, 999_999, 1_000_000, TraceKind.LogAppend, 1, Record: LogRecordKind.Checkpoint, Forced: true, Text: ""),
            new(0, 999_999, 1_000_000, TraceKind.TimerFired, 2, Timer: TimerKind.Poll),
            new(0, 1_000_000, 1_000_001, TraceKind.Install, 1, Value: -5),
        ];

        foreach (var e in recorded)
        {
            trace.Add(e);
        }

        Assert.Equal(recorded.Select((e, i) => e with { Index = i }), trace.Events);
    }

    [Fact]
    public void A_long_trace_reads_back_in_order_across_its_chunks()
    {
        var trace = new Trace(Names);
        for (var i = 0; i < 5_000; i++)
        {
            trace.Add(new TraceEvent(0, i, i, TraceKind.Deliver, i % 3, (i + 1) % 3, i + 1, Text: i % 7 == 0 ? $"#{i}" : null));
        }

        Assert.Equal(5_000, trace.Count);
        Assert.All(Enumerable.Range(0, 5_000), i =>
        {
            var e = trace.Events[i];
            Assert.Equal((i, (long)i, (long)i + 1, i % 7 == 0 ? $"#{i}" : null), (e.Index, e.Tick, e.MessageId, e.Text));
        });
    }

    [Fact]
    public void No_text_and_empty_text_hash_differently()
    {
        var none = new Trace(Names);
        var empty = new Trace(Names);
        none.Add(new TraceEvent(0, 1, 1, TraceKind.LockAcquired, 1));
        empty.Add(new TraceEvent(0, 1, 1, TraceKind.LockAcquired, 1, Text: ""));

        Assert.NotEqual(none.Hash(), empty.Hash());
    }
}
