using System.Collections.Immutable;
using CommitLab.Web.Classroom.Cluster;
using CommitLab.Web.Classroom.Hub;

namespace CommitLab.Cluster.Tests;

/// <summary>An instance hands a room's updates to its connections once and in order, whatever order Orleans ran the calls in.</summary>
public sealed class UpdateSequencerTests
{
    private readonly List<long> delivered = [];
    private readonly SteppedClock clock = new();
    private readonly UpdateSequencer sequencer;

    public UpdateSequencerTests() => sequencer = new UpdateSequencer(u => delivered.Add(u.Seq), clock);

    [Fact]
    public void Updates_that_arrive_out_of_order_are_delivered_in_order_and_duplicates_once()
    {
        sequencer.Subscribed("e1", Update(10));

        foreach (var seq in new long[] { 13, 11, 11, 9, 12, 14 })
        {
            sequencer.Arrived("e1", Update(seq));
        }

        Assert.Equal([11, 12, 13, 14], delivered);
    }

    [Fact]
    public void Updates_of_an_activation_not_yet_subscribed_to_wait_for_the_subscription()
    {
        sequencer.Subscribed("old", Update(40));
        sequencer.Arrived("new", Update(3));
        sequencer.Arrived("new", Update(2));
        Assert.Empty(delivered);

        // The room came back elsewhere: its numbering starts over from where the subscription says.
        sequencer.Subscribed("new", Update(1));

        Assert.Equal([2, 3], delivered);
    }

    [Fact]
    public void A_gap_that_never_fills_is_skipped_after_the_gap_timeout()
    {
        sequencer.Subscribed("e1", Update(0));
        sequencer.Arrived("e1", Update(2));
        sequencer.Flush();
        Assert.Empty(delivered);

        clock.Advance(UpdateSequencer.GapTimeout);
        sequencer.Flush();

        Assert.Equal([2], delivered);
    }

    private static RoomUpdate Update(long seq) => new(seq, seq, seq * 10, false, 1, false, "running", "hash", null, false, ImmutableArray<string>.Empty);
}

/// <summary>A clock that moves only when the test says.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private long ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => ticks;

    public void Advance(TimeSpan by) => ticks += by.Ticks;
}
