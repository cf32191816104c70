using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab.Compare;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lab.Compare;

/// <summary>
/// The comparison's status line says "the same faults on each" only when it is true; a fault that
/// strikes one side only is named, with the side it strikes and why the other is spared.
/// </summary>
public class FaultParityTests
{
    private static Scenario HappyPath => RepositoryFiles.Scenario("2pc-happy-path").Scenario;

    private static ScheduledFault When(string trigger, FaultAction action) => new(new FaultTiming.OnTrigger(FaultText.ParseTrigger(trigger)), action);

    [Fact]
    public void Faults_that_strike_both_sides_keep_the_same_faults_wording()
    {
        using var compare = new ComparePlayback();
        compare.Load(HappyPath with { Faults = [new(new FaultTiming.AtTick(50), new FaultAction.Crash("P1")), When("L sends abort", new FaultAction.Crash("P2"))] }, CompareMode.Protocols);

        compare.SeekTick(75);

        Assert.Empty(compare.Frame.OneSided);
        Assert.Equal("Both sides at 75 ms, the same faults on each.", compare.Frame.Status);
    }

    [Fact]
    public void A_drop_of_a_message_only_2pc_sends_is_said_to_strike_2pc_only_with_the_3pc_counterpart()
    {
        using var compare = new ComparePlayback();
        compare.Load(HappyPath with { Faults = [When("L sends prepare to P2", new FaultAction.Drop())] }, CompareMode.Protocols);

        Assert.Equal(
            "Both sides at 0 ms. Drop PREPARE from L to P2 strikes 2PC only: 3PC sends no PREPARE message (its first message is CAN-COMMIT).",
            compare.Frame.Status);
        var fault = Assert.Single(compare.Frame.OneSided);
        Assert.Equal(CompareSideKey.Left, fault.Key);
    }

    [Fact]
    public void Once_both_sides_end_the_difference_is_followed_by_the_fault_that_struck_one_side()
    {
        using var compare = new ComparePlayback();
        compare.Load(RepositoryFiles.Scenario("3pc-leader-crash-before-precommit").Scenario, CompareMode.Protocols);

        compare.SeekTick(2000);

        Assert.NotNull(compare.Frame.Difference);
        Assert.Equal(
            "2PC: all committed at 154 ms; 3PC, perfect detector: all aborted at 405 ms. Crash L when L logs precommit struck 3PC only: 2PC never logs PRECOMMIT.",
            compare.Frame.Status);
    }

    [Fact]
    public void A_message_dropped_by_hand_on_one_side_is_said_to_strike_that_side_only()
    {
        using var compare = new ComparePlayback();
        compare.Load(HappyPath, CompareMode.Protocols);
        var prepare = compare.Frame.Left.Snapshot.InFlight[0].Id;

        compare.Inject(new FaultAction.Drop(prepare), CompareSideKey.Left);
        compare.Inject(new FaultAction.Crash("P3"), CompareSideKey.Left);

        Assert.Equal(
            $"Both sides at 0 ms. Drop message #{prepare} strikes 2PC only: that message flew on 2PC; 3PC sends its own.",
            compare.Frame.Status);
    }

    [Fact]
    public void A_fault_on_the_outcome_log_strikes_2pc_only_because_3pc_has_no_log_node()
    {
        using var compare = new ComparePlayback();
        compare.Load(RepositoryFiles.Scenario("2pc-outcome-log").Scenario, CompareMode.Protocols);
        compare.SeekTick(100);

        compare.Inject(new FaultAction.Crash("LOG"), CompareSideKey.Left);

        Assert.Equal(
            "Both sides at 100 ms. Crash L when LOG logs commit strikes 2PC only: 3PC has no LOG node. Crash LOG at 100 ms strikes 2PC only: 3PC has no LOG node.",
            compare.Frame.Status);
    }

    [Fact]
    public void In_the_detector_comparison_the_sides_are_named_by_their_detector()
    {
        using var compare = new ComparePlayback();
        compare.Load(RepositoryFiles.Scenario("3pc-happy-path").Scenario, CompareMode.Detectors);
        var message = compare.Frame.Right.Snapshot.InFlight[0].Id;

        compare.Inject(new FaultAction.Delay(30, message), CompareSideKey.Right);

        var fault = Assert.Single(compare.Frame.OneSided);
        Assert.Equal(
            ($"Delay message #{message} by 30 ms", CompareSideKey.Right, "3PC with the timeout detector", "that message flew on 3PC with the timeout detector; 3PC with the perfect detector sends its own"),
            (fault.Fault, fault.Key, fault.Side, fault.Why));
    }

    [Fact]
    public void A_trigger_that_fires_on_one_side_only_is_named_once_the_other_side_has_ended_without_it()
    {
        // P2 is read-only in 2PC, so it never becomes uncertain there; 3PC has no read-only vote, so there it does.
        var run = RepositoryFiles.Scenario("2pc-read-only-participant").Scenario with
        {
            Faults = [When("P2 enters uncertain", new FaultAction.Crash("L"))],
        };
        using var compare = new ComparePlayback();
        compare.Load(run, CompareMode.Protocols);

        compare.SeekTick(40);
        Assert.Equal("Both sides at 40 ms, the same faults on each.", compare.Frame.Status);

        compare.SeekTick(2000);
        var fault = Assert.Single(compare.Frame.OneSided);
        Assert.Equal(
            ("Crash L when P2 enters uncertain", CompareSideKey.Right, "3PC", "on 2PC, “P2 enters uncertain” never happened"),
            (fault.Fault, fault.Key, fault.Side, fault.Why));
    }
}
