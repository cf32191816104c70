using CommitLab.Engine.Faults;
using CommitLab.Engine.Scenarios;
using CommitLab.Web.Lab;
using CommitLab.Web.Lab.Compare;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Lab.Compare;

/// <summary>
/// Two runs on one transport: both sides always show the same simulated time, a hand fault strikes
/// both, and once both have ended one line says how they differ, from the engine's own results.
/// </summary>
public class ComparePlaybackTests
{
    private static Scenario HappyPath => RepositoryFiles.Scenario("2pc-happy-path").Scenario;

    [Fact]
    public void Step_moves_both_sides_to_the_next_moment_either_side_has_something_happen()
    {
        using var compare = new ComparePlayback();
        compare.Load(HappyPath, CompareMode.Protocols);

        var ticks = new List<long>();
        for (var i = 0; i < 9; i++)
        {
            Assert.True(compare.StepEvent());
            Assert.Equal(compare.Tick, compare.Left.Tick);
            Assert.Equal(compare.Tick, compare.Right.Tick);
            ticks.Add(compare.Tick);
        }

        // The votes arrive at the same moments in both protocols (seed 42): PREPARE and CAN-COMMIT travel alike.
        Assert.Equal([21L, 26, 27, 32, 34, 39, 65, 72, 75], ticks);
        Assert.Equal(compare.Tick, compare.Frame.Clock);
        Assert.Equal(75, compare.Frame.Left.Snapshot.Tick);
        Assert.Equal(75, compare.Frame.Right.Snapshot.Tick);
    }

    [Fact]
    public void Step_back_returns_both_sides_to_the_moment_before_exactly_as_they_were()
    {
        using var compare = new ComparePlayback();
        compare.Load(HappyPath, CompareMode.Protocols);
        compare.StepEvent();
        compare.StepEvent();
        var (left, right) = (compare.Frame.Left.TraceHash, compare.Frame.Right.TraceHash);
        compare.StepEvent();

        Assert.True(compare.StepBack());

        Assert.Equal(26, compare.Tick);
        Assert.Equal(26, compare.Left.Tick);
        Assert.Equal(26, compare.Right.Tick);
        Assert.Equal(left, compare.Frame.Left.TraceHash);
        Assert.Equal(right, compare.Frame.Right.TraceHash);
    }

    [Fact]
    public void Killing_the_leader_after_the_votes_blocks_2pc_while_3pc_aborts()
    {
        var time = new ManualTime { HoldTimers = true };
        using var compare = new ComparePlayback(time);
        compare.Load(HappyPath, CompareMode.Protocols);
        while (compare.Tick < 75)
        {
            compare.StepEvent();
        }

        compare.Inject(new FaultAction.Crash("L"), CompareSideKey.Left);
        // Recorded on each side as the Lab records a click, after L took the last vote: the command
        // line runs "{ afterEvent: 12, at: 75, do: crash L }" to the same ends (2PC blocked, 3PC aborted at 403).
        Assert.Equal(new FaultTiming.AfterEvent(12, 75), Assert.Single(compare.Left.HandFaultList).When);
        Assert.Equal(new FaultTiming.AfterEvent(12, 75), Assert.Single(compare.Right.HandFaultList).When);
        Assert.Null(compare.Frame.Difference);

        compare.SetSpeed(10);
        compare.Play();
        PlayFor(time, compare, TimeSpan.FromMinutes(5));

        // Both ended: 2PC stands still with everyone uncertain, 3PC's termination protocol aborted.
        Assert.False(compare.Playing);
        Assert.True(compare.Frame.HeldAtEnd);
        Assert.NotNull(compare.Frame.Left.Standstill);
        Assert.Equal(RunOutcome.Aborted, compare.Frame.Right.Snapshot.Outcome);
        Assert.Equal(403, compare.Frame.Right.Snapshot.Tick);
        Assert.Equal(compare.Tick, compare.Left.Tick);
        Assert.Equal(
            "2PC: P1–P3 blocked holding locks; 3PC, timeout detector: all aborted at 403 ms",
            compare.Frame.Difference);
    }

    [Fact]
    public void A_side_that_ended_stays_as_it_ended_while_the_clock_goes_on_for_the_other()
    {
        using var compare = new ComparePlayback();
        compare.Load(RepositoryFiles.Scenario("3pc-leader-crash-before-precommit").Scenario, CompareMode.Protocols);

        compare.SeekTick(300);

        // The crash is triggered by a PRECOMMIT record, which 2PC never writes: 2PC commits undisturbed at 154 ms.
        Assert.Equal(300, compare.Tick);
        Assert.True(compare.Frame.Left.Snapshot.Finished);
        Assert.Equal(154, compare.Frame.Left.Snapshot.Tick);
        Assert.Equal(300, compare.Frame.Right.Snapshot.Tick);
        Assert.Equal("Ended at 154 ms; 12 messages sent.", CompareVerdict.Caption(compare.Frame.Left));
        Assert.StartsWith("Running;", CompareVerdict.Caption(compare.Frame.Right));
        Assert.Null(compare.Frame.Difference);
    }

    [Fact]
    public void Dropping_a_message_strikes_only_the_side_it_flies_on_and_the_other_side_says_why()
    {
        using var compare = new ComparePlayback();
        compare.Load(HappyPath, CompareMode.Protocols);
        var prepare = compare.Frame.Left.Snapshot.InFlight[0].Id;

        compare.Inject(new FaultAction.Drop(prepare), CompareSideKey.Left);

        Assert.Equal(1, compare.Left.HandFaults);
        Assert.Equal(0, compare.Right.HandFaults);
        Assert.Equal($"Not here: “drop #{prepare}” at 0 ms, a message of the 2PC side: each protocol sends its own messages.", Assert.Single(compare.Frame.RightNotes));
        Assert.Empty(compare.Frame.LeftNotes);
    }

    [Fact]
    public void A_fault_no_side_can_take_is_refused_and_nothing_changes()
    {
        using var compare = new ComparePlayback();
        compare.Load(HappyPath, CompareMode.Protocols);

        var refused = Assert.Throws<ArgumentException>(() => compare.Inject(new FaultAction.Crash("P7"), CompareSideKey.Left));

        Assert.Contains("unknown node 'P7'", refused.Message);
        Assert.Equal(0, compare.HandFaults);
        Assert.Empty(compare.Frame.LeftNotes);
    }

    [Fact]
    public void With_a_partition_a_perfect_detector_blocks_where_a_timeout_detector_splits_the_outcome()
    {
        var time = new ManualTime { HoldTimers = true };
        using var compare = new ComparePlayback(time);
        compare.Load(RepositoryFiles.Scenario("3pc-partition-timeout-detector").Scenario, CompareMode.Detectors);
        compare.SetSpeed(10);

        compare.Play();
        PlayFor(time, compare, TimeSpan.FromMinutes(5));

        // The same ends as the command line's runs of this file with each detector.
        Assert.True(compare.Finished);
        Assert.Equal(RunOutcome.Blocked, compare.Frame.Left.Snapshot.Outcome);
        Assert.Equal(RunOutcome.Violation, compare.Frame.Right.Snapshot.Outcome);
        Assert.Equal(
            "3PC, perfect detector: P1–P3 blocked holding locks; 3PC, timeout detector: atomicity violated: L, P1 committed, P2, P3 aborted",
            compare.Frame.Difference);
    }

    [Fact]
    public void Restart_brings_both_sides_back_to_the_start_with_the_hand_faults_kept()
    {
        using var compare = new ComparePlayback();
        compare.Load(HappyPath, CompareMode.Protocols);
        compare.SeekTick(50);
        compare.Inject(new FaultAction.Crash("P2"), CompareSideKey.Right);

        compare.Restart();

        Assert.Equal(0, compare.Tick);
        Assert.Equal(0, compare.Left.Tick);
        Assert.Equal(0, compare.Right.Tick);
        Assert.Equal(1, compare.HandFaults);
    }

    [Fact]
    public void Each_sides_recording_brings_its_hand_faults_back_to_a_new_comparison_exactly_as_they_struck()
    {
        using var first = new ComparePlayback();
        first.Load(HappyPath, CompareMode.Protocols);
        first.SeekTick(10);
        var message = first.Frame.Right.Snapshot.InFlight.First().Id;
        first.Inject(new FaultAction.Drop(message), CompareSideKey.Right);
        first.SeekTick(75);
        first.Inject(new FaultAction.Crash("L"), CompareSideKey.Left);
        first.SeekTick(600);

        using var second = new ComparePlayback();
        second.Load(HappyPath, CompareMode.Protocols);
        second.RestoreHandFaults(CompareSideKey.Left, first.Left.Recording);
        second.RestoreHandFaults(CompareSideKey.Right, first.Right.Recording);
        Assert.Equal(0, second.Tick);
        second.SeekTick(600);

        Assert.Equal(first.Frame.Left.TraceHash, second.Frame.Left.TraceHash);
        Assert.Equal(first.Frame.Right.TraceHash, second.Frame.Right.TraceHash);
        // Still faults of this page's: listed, counted and cleared as hand faults.
        Assert.Equal(1, second.Left.HandFaults);
        Assert.Equal(2, second.Right.HandFaults);
        second.ClearHandFaults();
        Assert.Equal(0, second.HandFaults);
    }

    [Fact]
    public void A_recording_of_another_run_or_side_is_refused_and_nothing_changes()
    {
        using var first = new ComparePlayback();
        first.Load(HappyPath, CompareMode.Protocols);
        first.SeekTick(75);
        first.Inject(new FaultAction.Crash("L"), CompareSideKey.Left);
        using var compare = new ComparePlayback();
        compare.Load(HappyPath, CompareMode.Protocols);
        compare.SeekTick(40);
        var before = (compare.Frame.Left.TraceHash, compare.Frame.Right.TraceHash);

        var wrongSide = Assert.Throws<ScenarioException>(() => compare.RestoreHandFaults(CompareSideKey.Right, first.Left.Recording));
        var otherRun = Assert.Throws<ScenarioException>(() => compare.RestoreHandFaults(CompareSideKey.Left, first.Left.Recording with { Seed = 7 }));

        Assert.Contains("another run than this 3PC, timeout detector side", wrongSide.Message, StringComparison.Ordinal);
        Assert.Contains("another run than this 2PC side", otherRun.Message, StringComparison.Ordinal);
        Assert.Equal(40, compare.Tick);
        Assert.Equal(before, (compare.Frame.Left.TraceHash, compare.Frame.Right.TraceHash));
        Assert.Equal(0, compare.HandFaults);
    }

    /// <summary>Fires the play timer every 50 ms of hand-moved time while it runs, up to a bound.</summary>
    private static void PlayFor(ManualTime time, ComparePlayback compare, TimeSpan bound)
    {
        for (var spent = TimeSpan.Zero; compare.Playing && spent < bound; spent += TimeSpan.FromMilliseconds(50))
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            time.FireTimers();
        }
    }
}
