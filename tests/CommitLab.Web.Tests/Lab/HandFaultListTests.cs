using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;

namespace CommitLab.Web.Tests.Lab;

/// <summary>The faults injected by hand are listed with their moment, and each can be taken back.</summary>
public class HandFaultListTests
{
    private static readonly Scenario WithOwnFault = new Scenario { Participants = 3 } with
    {
        Faults = [new ScheduledFault(new FaultTiming.AtTick(5_000), new FaultAction.Freeze("P1", 10))],
    };

    [Fact]
    public void Hand_faults_are_listed_oldest_first_with_their_moment_in_the_labs_words()
    {
        using var lab = new PlaybackSession();
        lab.Load(WithOwnFault);
        lab.SeekTick(20);
        lab.Inject(new FaultAction.Cut("L", "P3", BothWays: true));
        lab.SeekTick(40);
        var message = lab.Snapshot.InFlight[0].Id;
        lab.Inject(new FaultAction.Drop(message));

        var items = HandFaultItem.From(lab.HandFaultList);

        Assert.Equal(2, lab.HandFaults);
        Assert.Equal(["20 ms cut L–P3", $"40 ms drop message #{message}"], items.Select(i => $"{i.At} {i.What}"));
        Assert.Equal("Remove cut L–P3 at 20 ms", items[0].RemoveLabel);
    }

    [Fact]
    public void Removing_a_hand_fault_replays_the_run_without_it_to_the_same_moment()
    {
        using var lab = new PlaybackSession();
        lab.Load(WithOwnFault);
        var clean = new PlaybackSession();
        clean.Load(WithOwnFault);
        lab.SeekTick(30);
        lab.Inject(new FaultAction.Crash("P2"));
        lab.SeekTick(60);
        lab.Inject(new FaultAction.Crash("L"));
        lab.SeekTick(400);

        lab.RemoveHandFault(0);

        Assert.Equal(400, lab.Tick);
        Assert.Equal("crash L", Assert.Single(lab.HandFaultList).Do.ToText());
        Assert.Equal(2, lab.Recording.Faults.Length); // the scenario's own freeze stays
        Assert.True(lab.Snapshot.Nodes.Single(n => n.Name == "P2").Up);
        Assert.False(lab.Snapshot.Nodes.Single(n => n.Name == "L").Up);
        Assert.False(lab.IsBehindHead);

        lab.RemoveHandFault(0);
        clean.SeekTick(400);
        Assert.Equal(clean.Read(s => s.Trace.Hash()), lab.Read(s => s.Trace.Hash()));
        clean.Dispose();
    }

    [Fact]
    public void Removing_a_fault_that_is_not_there_is_refused_with_a_reason_and_nothing_changes()
    {
        using var lab = new PlaybackSession();
        lab.Load(WithOwnFault);
        lab.Inject(new FaultAction.Crash("P1"));
        var before = lab.Recording;

        var refused = Assert.Throws<ArgumentException>(() => lab.RemoveHandFault(3));

        Assert.Equal("There is no fault number 4 of yours to remove: this run has 1.", refused.Message);
        Assert.Same(before, lab.Recording);
        lab.ClearHandFaults();
        Assert.Equal("This run has no fault of yours to remove.", Assert.Throws<ArgumentException>(() => lab.RemoveHandFault(0)).Message);
    }

    [Fact]
    public void A_scenarios_own_faults_are_not_listed_as_hand_faults()
    {
        using var lab = new PlaybackSession();
        lab.Load(WithOwnFault);

        Assert.Empty(lab.HandFaultList);
        Assert.Equal("freeze P1 for 10 ms", HandFaultItem.Describe(WithOwnFault.Faults[0].Do));
        Assert.Equal("delay message #7 by 30 ms", HandFaultItem.Describe(new FaultAction.Delay(30, 7)));
    }
}
