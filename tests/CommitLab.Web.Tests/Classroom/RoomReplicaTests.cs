using CommitLab.Engine.Faults;
using CommitLab.Web.Classroom;
using CommitLab.Web.Classroom.Hub;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Classroom;

/// <summary>
/// A student page in the browser replays the room's run from what the hub sends replicas (the
/// recording when it changes, the cursor every time) and must land on the room's exact run, hash
/// for hash; anything else is a mismatch it can name.
/// </summary>
public sealed class RoomReplicaTests : IDisposable
{
    private readonly ClassroomHarness classroom = new();
    private readonly RoomRecordings recordings = new();
    private readonly Room room;
    private readonly InstructorConsole console;
    private readonly List<(RoomBroadcast Broadcast, RoomUpdate Sent)> heard = [];

    public RoomReplicaTests()
    {
        (room, var token) = classroom.Open();
        console = classroom.Console(room, token);
        var replicas = new ReplicaUpdates(room, recordings);
        room.Updated += broadcast => heard.Add((broadcast, replicas.For(RoomUpdate.From(broadcast))));
    }

    public void Dispose() => classroom.Dispose();

    [Fact]
    public void A_replica_lands_on_the_rooms_run_after_steps_a_crash_a_seek_a_branch_a_restart_and_a_new_scenario()
    {
        var replica = new RoomReplica();
        Assert.Null(replica.Follow(recordings.Current(room)));

        for (var i = 0; i < 4; i++)
        {
            console.StepEvent($"step-{i}");
        }

        console.CrashLeader("crash");
        console.SetSpeed(10, "fast");
        console.SeekTick(400, "forward");
        console.SeekTick(30, "back");
        console.Inject(new FaultAction.Crash("P2"), "branch");
        console.StepEvent("after-branch");
        console.Restart("restart");
        console.StepEvent("again");
        console.Load(RepositoryFiles.Scenario("3pc-partition-timeout-detector").Scenario, "3pc-partition-timeout-detector", "other");
        console.SeekTick(2000, "far");

        foreach (var (broadcast, sent) in heard)
        {
            var mismatch = replica.Follow(sent);
            Assert.True(mismatch is null, $"{broadcast.ActionId}: {mismatch?.Detail}");
            Assert.Equal(broadcast.Frame.TraceHash, replica.Frame!.TraceHash);
            Assert.Equal(broadcast.Frame.Snapshot.Tick, replica.Frame.Snapshot.Tick);
            Assert.Equal(broadcast.Frame.Snapshot.Outcome, replica.Frame.Snapshot.Outcome);
        }

        // The 3PC partition with a timeout detector ends in the violation, on the page as in the room.
        Assert.Equal("violation", heard[^1].Sent.Outcome);
        Assert.Equal(room.Frame.Snapshot.Outcome, replica.Frame!.Snapshot.Outcome);
    }

    [Fact]
    public void The_recording_travels_with_the_first_update_and_whenever_it_changes()
    {
        console.StepEvent("s1");
        console.StepEvent("s2");
        console.CrashLeader("crash");
        console.StepEvent("s3");
        console.Restart("restart");

        Assert.Equal(["s1", "crash"], heard.Where(h => h.Sent.Recording is not null).Select(h => h.Broadcast.ActionId));
        Assert.Contains("crash L", heard.Single(h => h.Broadcast.ActionId == "crash").Sent.Recording, StringComparison.Ordinal);
        Assert.NotNull(heard[0].Sent.ForkRun);

        // What State() answers: the whole recording, so a page can start over from it.
        var state = recordings.Current(room);
        Assert.Equal(heard[2].Sent.Recording, state.Recording);
        Assert.Equal(room.Frame.TraceHash, state.TraceHash);
    }

    [Fact]
    public void An_update_whose_hash_is_not_the_runs_is_a_mismatch_that_names_both_hashes()
    {
        var replica = new RoomReplica();
        console.StepEvent("s1");
        Assert.Null(replica.Follow(heard[0].Sent));

        var forged = heard[0].Sent with { Seq = 99, TraceHash = "forged0000000000", Recording = null };
        var mismatch = replica.Follow(forged);

        Assert.NotNull(mismatch);
        Assert.Equal(1, mismatch.Events);
        Assert.Contains("forged0000000000", mismatch.Detail, StringComparison.Ordinal);
        Assert.Contains(room.Frame.TraceHash, mismatch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replica_without_the_recording_or_with_one_it_cannot_read_says_so_and_draws_nothing()
    {
        console.StepEvent("s1");
        console.StepEvent("s2");

        var late = new RoomReplica();
        Assert.Contains("not had the room's recording", late.Follow(heard[1].Sent)!.Detail, StringComparison.Ordinal);
        Assert.Null(late.Frame);

        var garbled = new RoomReplica();
        Assert.Contains("could not be read", garbled.Follow(heard[0].Sent with { Recording = "protocol: 9pc" })!.Detail, StringComparison.Ordinal);
        Assert.False(garbled.HasRecording);
    }
}
