using System.Text.Json;
using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>What each mode does with two writers on three servers, pinned exactly: the engine is deterministic.</summary>
public class TahoeModeTests
{
    [Fact]
    public void Each_mode_is_its_protocols_name_without_tahoe_and_reads_back_as_that_protocol()
    {
        Assert.Equal(["uncoordinated", "2pc", "magic-folder"], Names.TahoeProtocols.Select(Names.TahoeMode));
        foreach (var protocol in Names.TahoeProtocols)
        {
            Assert.Equal(protocol, Names.ParseTahoeMode(Names.TahoeMode(protocol)));
            Assert.Equal(protocol, Names.ParseTahoeMode($" {Names.TahoeMode(protocol).ToUpperInvariant()} "));
        }

        Assert.Null(Names.ParseTahoeMode("3pc"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Names.TahoeMode(ProtocolKind.TwoPhase));
    }

    [Fact]
    public void Uncoordinated_writes_that_do_not_overlap_lose_nothing()
    {
        // W2 starts after W1 has finished, so it reads W1#1 and builds W2#2 on it.
        var result = TahoeRuns.Run(TahoeRuns.Collision(ProtocolKind.TahoeUncoordinated, seed: 1, w2Start: 300));
        Assert.Equal(TahoeOutcome.Committed, result.Verdict().Outcome);
        Assert.Equal("S1=W2#2 S2=W2#2 S3=W2#2", TahoeRuns.Servers(result));
    }

    [Fact]
    public void Uncoordinated_writers_can_agree_and_still_lose_an_update()
    {
        // Seed 3: W2's write reaches every server last; the servers agree, but W1 was told "saved" for nothing.
        var result = TahoeRuns.Run(TahoeRuns.Collision(ProtocolKind.TahoeUncoordinated, seed: 3));
        Assert.Equal(TahoeOutcome.LostUpdate, result.Verdict().Outcome);
        Assert.True(result.Verdict().ServersAgree);
        Assert.Equal("S1=W2#1 S2=W2#1 S3=W2#1", TahoeRuns.Servers(result));
        Assert.Equal("Every live server holds W2#1, which does not contain W1's edit: W1's update was lost and nobody was told.", result.Verdict().Explanation);
    }

    [Fact]
    public void Two_phase_commit_with_one_refusal_retries_on_top_of_the_winner()
    {
        var sim = Simulator.Create(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase, seed: 3));
        var result = sim.RunToEnd();
        Assert.Equal(TahoeOutcome.Committed, result.Verdict().Outcome);
        Assert.Equal("S1=W2#2 S2=W2#2 S3=W2#2", TahoeRuns.Servers(result));
        Assert.Equal(54, result.Messages.Sent);
        Assert.Contains("W2 enters reading (try 2)", sim.Trace.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Two_phase_commit_without_retry_ends_in_a_clean_abort_with_the_file_untouched()
    {
        // Seed 1 refuses both writers; without retry both are told "no can do" and nothing changes.
        var scenario = TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase, seed: 1).WithRetry(new TahoeRetry(Enabled: false));
        var result = TahoeRuns.Run(scenario);
        Assert.Equal(TahoeOutcome.CleanAbort, result.Verdict().Outcome);
        Assert.Equal("S1=v0 S2=v0 S3=v0", TahoeRuns.Servers(result));
        Assert.Equal("W1=gave up W2=gave up", TahoeRuns.Writers(result));
        Assert.Empty(result.Verdict().Lost);
    }

    [Fact]
    public void Two_phase_commit_without_retry_keeps_the_winner_and_tells_the_loser()
    {
        var scenario = TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase, seed: 3).WithRetry(new TahoeRetry(Enabled: false));
        var result = TahoeRuns.Run(scenario);
        Assert.Equal(TahoeOutcome.CleanAbort, result.Verdict().Outcome);
        Assert.Equal("S1=W1#1 S2=W1#1 S3=W1#1", TahoeRuns.Servers(result));
        Assert.Equal("W1=done W2=gave up", TahoeRuns.Writers(result));
        Assert.Contains("W2 was told \"no can do\"", result.Verdict().Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prepared_server_that_crashes_keeps_its_lock_and_the_commit_still_lands()
    {
        var scenario = TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase, seed: 1) with
        {
            Faults = [TahoeRuns.At(120, new FaultAction.Crash("S2")), TahoeRuns.At(400, new FaultAction.Recover("S2"))],
        };
        var result = TahoeRuns.Run(scenario);
        Assert.Equal(TahoeOutcome.Committed, result.Verdict().Outcome);
        Assert.True(result.Verdict().ServersAgree);
        Assert.All(result.Verdict().Servers, pair => Assert.EndsWith("#2", pair.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_that_never_recovers_leaves_a_2pc_writer_undecided()
    {
        var scenario = TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase, seed: 1) with
        {
            MaxTicks = 3000,
            Faults = [TahoeRuns.At(1, new FaultAction.Crash("S3"))],
        };
        var result = TahoeRuns.Run(scenario);
        Assert.Equal(TahoeOutcome.Undecided, result.Verdict().Outcome);
        Assert.False(result.Settled);
        Assert.Equal("down", result.Verdict().Servers[2].Value);
    }

    [Fact]
    public void Dropping_a_prepare_only_delays_the_run()
    {
        var scenario = TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase, seed: 1) with
        {
            Faults = [TahoeRuns.WhenSends("W1", MessageKind.Prepare, "S2", new FaultAction.Drop())],
        };
        var sim = Simulator.Create(scenario);
        var result = sim.RunToEnd();
        Assert.Equal(TahoeOutcome.Committed, result.Verdict().Outcome);
        Assert.Equal(1, result.Messages.Dropped);
        Assert.Contains("is lost (dropped by a fault)", sim.Trace.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Magic_folder_edits_made_one_after_the_other_merge_without_conflict()
    {
        var result = TahoeRuns.Run(TahoeRuns.Collision(ProtocolKind.TahoeMagicFolder, seed: 1, w2Start: 300));
        Assert.Equal(TahoeOutcome.Committed, result.Verdict().Outcome);
        Assert.Empty(result.Verdict().Conflicts);
        Assert.Equal("S1=W1+W2 S2=W1+W2 S3=W1+W2", TahoeRuns.Servers(result));
    }

    [Fact]
    public void The_same_scenario_gives_the_same_trace_byte_for_byte()
    {
        foreach (var mode in Names.TahoeProtocols)
        {
            var first = Simulator.Create(TahoeRuns.Collision(mode));
            var second = Simulator.Create(TahoeRuns.Collision(mode));
            first.RunToEnd();
            second.RunToEnd();
            Assert.Equal(first.Trace.ToText(), second.Trace.ToText());
            Assert.Equal(first.Trace.ToJson(), second.Trace.ToJson());
            Assert.Equal(first.Trace.Hash(), second.Trace.Hash());
        }
    }

    [Fact]
    public void A_different_seed_gives_a_different_trace()
    {
        Assert.NotEqual(TahoeRuns.Run(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase, seed: 1)).TraceHash, TahoeRuns.Run(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase, seed: 2)).TraceHash);
    }

    [Fact]
    public void The_trace_json_names_every_event()
    {
        var sim = Simulator.Create(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase));
        sim.RunToEnd();
        using var json = JsonDocument.Parse(sim.Trace.ToJson());
        Assert.Equal(sim.Trace.Count, json.RootElement.GetArrayLength());
        // A writer's start is its start timer firing; its first step follows at once.
        Assert.Equal("t=0 W1 start timer fires", json.RootElement[0].GetProperty("line").GetString());
        var first = json.RootElement[1];
        Assert.Equal("stage", first.GetProperty("kind").GetString());
        Assert.Equal("W1", first.GetProperty("node").GetString());
        Assert.Equal("t=0 W1 enters reading (try 1)", first.GetProperty("line").GetString());
    }

    [Fact]
    public void Stepping_shows_messages_in_flight_with_ids_and_ends_where_run_to_end_does()
    {
        var stepped = Simulator.Create(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase));
        var snapshot = stepped.Snapshot();
        Assert.Equal(0, snapshot.Tick);
        Assert.All([0, 1], w => Assert.Equal(WriterPhase.Waiting, ((WriterState)stepped.Shown(w)!).Stage));
        stepped.Step();
        snapshot = stepped.Snapshot();
        Assert.Equal(3, snapshot.InFlight.Length);
        Assert.Equal([1L, 2L, 3L], snapshot.InFlight.Select(m => m.Id));
        Assert.All(snapshot.InFlight, m => Assert.Equal("W1", m.From));
        stepped.RunUntil(100);
        Assert.Equal(100, stepped.Tick);
        while (stepped.Step())
        {
        }

        Assert.Equal(TahoeRuns.Run(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase)).TraceHash, stepped.Trace.Hash());
        Assert.True(stepped.Snapshot().Finished);
    }

    [Fact]
    public void A_fault_injected_by_hand_is_applied_and_traced()
    {
        var sim = Simulator.Create(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase));
        sim.RunUntil(50);
        sim.Inject(new FaultAction.Crash("S1"));
        Assert.False(sim.Snapshot().Nodes.Single(n => n.Name == "S1").Up);
        Assert.Throws<ArgumentException>(() => sim.Inject(new FaultAction.Crash("S9")));
        Assert.Contains("fault: crash S1", sim.Trace.ToText(), StringComparison.Ordinal);
    }
}
