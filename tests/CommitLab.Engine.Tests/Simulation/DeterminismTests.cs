using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Engine.Tests.Protocols;

namespace CommitLab.Engine.Tests.Simulation;

/// <summary>Same configuration, seed and faults: same trace, byte for byte.</summary>
public class DeterminismTests
{
    private static Scenario Lossy(ulong seed) =>
        (Runs.ThreePc(4, seed, DetectorKind.Timeout) with { Network = new NetworkSettings(5, 60, 0.2) })
            .With(Runs.At(120, "crash L"), Runs.At(400, "partition P1,P2 | P3,P4"), Runs.At(900, "heal all"), Runs.At(950, "recover L"));

    [Theory]
    [InlineData(1UL)]
    [InlineData(42UL)]
    [InlineData(987654321UL)]
    public void The_same_scenario_and_seed_twice_give_the_same_trace_hash(ulong seed)
    {
        var first = Simulator.Create(Lossy(seed));
        var second = Simulator.Create(Lossy(seed));

        var a = first.RunToEnd();
        var b = second.RunToEnd();

        Assert.Equal(first.Trace.ToText(), second.Trace.ToText());
        Assert.Equal(a.TraceHash, b.TraceHash);
        Assert.Equal(a, b with { Decisions = a.Decisions, Blocked = a.Blocked, Violations = a.Violations });
        Assert.True(a.Messages.Dropped > 0, "the lossy network should lose something, or this test proves little");
    }

    [Fact]
    public void Runs_stepped_in_turn_on_one_thread_give_the_traces_they_give_alone()
    {
        // Every run on a thread shares one outbox (a classroom server steps many rooms on few threads),
        // so interleaving two runs event by event must not leak one's effects into the other.
        var alone = (Simulator.Create(Lossy(7)).RunToEnd().TraceHash, Simulator.Create(Runs.TwoPc(5)).RunToEnd().TraceHash);
        var a = Simulator.Create(Lossy(7));
        var b = Simulator.Create(Runs.TwoPc(5));

        bool stepped;
        do
        {
            stepped = a.Step() | b.Step();
        }
        while (stepped);

        Assert.Equal(alone, (a.Result().TraceHash, b.Result().TraceHash));
    }

    [Fact]
    public void A_node_recovering_in_the_middle_of_another_nodes_step_leaves_the_rest_of_that_step_done()
    {
        // With instant forced writes, P1 logs PREPARED, enters uncertain and votes in one step; the
        // trigger runs P3's recovery half-way through it, and P1 must still vote.
        var scenario = Runs.TwoPc(3).With(Runs.At(1, "crash P3"), Runs.When("P1 logs prepared", "recover P3")) with { ForcedWriteTicks = 0 };
        var sim = Simulator.Create(scenario);
        sim.RunToEnd();

        var lines = sim.Lines().ToList();
        var recovered = lines.FindIndex(l => l.EndsWith("P3 recovers", StringComparison.Ordinal));
        var voted = lines.FindIndex(l => l.Contains("P1 sends vote-yes", StringComparison.Ordinal));
        Assert.InRange(recovered, 0, voted);
        Assert.Contains(lines, l => l.Contains("P1 enters uncertain", StringComparison.Ordinal));
    }

    [Fact]
    public void Hashing_a_trace_part_way_and_again_at_the_end_gives_the_hash_of_the_whole()
    {
        // The Lab hashes a growing trace on every frame, carrying the hash forward from the last frame.
        var growing = Simulator.Create(Lossy(3));
        var seen = new List<string>();
        while (growing.Step())
        {
            seen.Add(growing.Trace.Hash());
        }

        var whole = Simulator.Create(Lossy(3)).RunToEnd().TraceHash;

        Assert.Equal(whole, growing.Trace.Hash());
        Assert.Equal(whole, Simulator.Create(Lossy(3)).RunToEnd().TraceHash);
        Assert.NotEqual(seen[0], whole);
    }

    [Fact]
    public void A_different_seed_gives_a_different_trace()
    {
        Assert.NotEqual(Simulator.Create(Lossy(1)).RunToEnd().TraceHash, Simulator.Create(Lossy(2)).RunToEnd().TraceHash);
    }

    [Fact]
    public void The_prng_is_a_fixed_algorithm_so_a_seed_means_the_same_numbers_everywhere()
    {
        // xoshiro256** seeded by SplitMix64(0): these values pin the algorithm, not an implementation detail.
        var prng = new Prng(0);
        Assert.Equal(11091344671253066420UL, prng.NextUInt64());
        Assert.Equal(13793997310169335082UL, prng.NextUInt64());
        Assert.Equal(1900383378846508768UL, prng.NextUInt64());
    }

    [Fact]
    public void Trace_json_and_text_describe_the_same_events()
    {
        var sim = Simulator.Create(Runs.TwoPc(2));
        sim.RunToEnd();

        using var json = System.Text.Json.JsonDocument.Parse(sim.Trace.ToJson());
        var lines = sim.Trace.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(lines.Length, json.RootElement.GetArrayLength());
        Assert.Equal(lines[0], json.RootElement[0].GetProperty("line").GetString());
        Assert.Equal("send", json.RootElement[0].GetProperty("kind").GetString());
        Assert.Equal("t=0 L sends prepare #1 to P1 (arrives t=" + json.RootElement[0].GetProperty("arrives").GetInt64() + ")", lines[0]);
    }
}
