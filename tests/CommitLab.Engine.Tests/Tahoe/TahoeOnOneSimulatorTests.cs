using CommitLab.Engine.Protocols;
using CommitLab.Engine.Simulation;
using LogEntry = CommitLab.Engine.Tahoe.LogEntry;
using CommitLab.Engine.Tahoe;

namespace CommitLab.Engine.Tests.Tahoe;

/// <summary>
/// The Tahoe-LAFS writers, servers and reader are roles on the one <see cref="Simulator"/>: the
/// shipped lessons end exactly as they did on the separate Tahoe simulator this replaced, and their
/// states are part of the world state's value and fingerprint like every other node's.
/// </summary>
public class TahoeOnOneSimulatorTests
{
    /// <summary>
    /// Outcome, final versions, writers and message counts of each shipped file, as the separate
    /// Tahoe simulator reported them. That simulator drew a loss for every message even at loss 0;
    /// the one simulator draws only when loss is above 0, so every draw after the first message moved
    /// and the files' seeds moved with them (3 to 8 and 10) to keep each lesson's run the same.
    /// </summary>
    [Theory]
    [InlineData("tahoe-uncoordinated.yaml", TahoeOutcome.LostUpdate, "S1=W1#1 S2=W2#1 S3=W2#1", "W1=done W2=done", 24, 24, 0)]
    [InlineData("tahoe-2pc.yaml", TahoeOutcome.Committed, "S1=W1#2 S2=W1#2 S3=W1#2", "W1=done W2=done", 90, 90, 0)]
    [InlineData("tahoe-magic-folder.yaml", TahoeOutcome.ConflictVisible, "S1=W1+W2 S2=W1+W2 S3=W1+W2", "W1=done W2=done", 33, 30, 0)]
    public void Every_shipped_tahoe_scenario_ends_as_it_did_before_the_move(string file, TahoeOutcome outcome, string servers, string writers, int sent, int delivered, int dropped)
    {
        var result = TahoeRuns.Run(TahoeRuns.File(file));
        Assert.Equal(outcome, result.Verdict().Outcome);
        Assert.Equal(servers, TahoeRuns.Servers(result));
        Assert.Equal(writers, TahoeRuns.Writers(result));
        Assert.Equal(new MessageCounts(sent, delivered, dropped), result.Messages);
        Assert.True(result.Settled);
    }

    [Fact]
    public void A_tahoe_run_is_judged_by_its_own_monitors_through_the_one_list()
    {
        var sim = Simulator.Create(TahoeRuns.File("tahoe-uncoordinated.yaml"));
        sim.RunToEnd();
        Assert.Equal(["no lost update", "servers agree"], sim.Monitors.Select(m => m.Name));
        Assert.All(sim.Monitors, m => Assert.False(m.Holds));
        Assert.Equal(ProtocolKind.TahoeUncoordinated, sim.Snapshot().Protocol);
        Assert.Equal(["writer", "writer", "storage server", "storage server", "storage server"], sim.Snapshot().Nodes.Select(n => n.Role));
    }

    [Fact]
    public void Tahoe_messages_draw_no_loss_when_the_network_loses_nothing()
    {
        // Two runs that differ only in a loss of 0 versus a loss too small to lose anything here:
        // with loss 0 nothing is drawn for it, so the latencies (and the trace) differ.
        var lossless = TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase);
        var tiny = lossless with { Network = lossless.Network with { Loss = 1e-12 } };
        Assert.NotEqual(TahoeRuns.Run(lossless).TraceHash, TahoeRuns.Run(tiny).TraceHash);
    }

    [Fact]
    public void The_world_state_fingerprint_changes_when_any_one_tahoe_field_changes()
    {
        var version = new FileVersion(1, "W1", 1);
        var entry = new LogEntry("W1", 0, 0);
        var writer = new WriterState(WriterPhase.Preparing, 1, FileVersion.Initial, version, null, 1, null, 0);
        var writers = new[]
        {
            writer,
            writer with { Stage = WriterPhase.Committing },
            writer with { Attempt = 2 },
            writer with { Base = version },
            writer with { Proposed = new FileVersion(1, "W2", 2) },
            writer with { Entry = entry },
            writer with { Answered = 3 },
            writer with { Refusal = "S1 said no" },
            writer with { Retries = 1 },
        };
        AllDiffer(writers.Select(w => w.Fingerprint()));

        var server = ServerState.Initial(2);
        var servers = new[]
        {
            server,
            server with { Current = version },
            server with { Lock = new TxnId("W1", 1) },
            server with { Lock = new TxnId("W1", 2) },
            server with { Lock = new TxnId("W2", 1) },
            server with { Staged = version },
            server with { Logs = server.Logs.SetItem(0, entry) },
            server with { Logs = server.Logs.SetItem(1, new LogEntry("W2", 1, 1)) },
        };
        AllDiffer(servers.Select(s => s.Fingerprint()));

        var reader = ReaderState.Initial(2);
        AllDiffer([reader.Fingerprint(), (reader with { Polls = 1 }).Fingerprint(), (reader with { Known = reader.Known.SetItem(0, entry) }).Fingerprint()]);

        var payload = new TahoePayload(1, version);
        AllDiffer(new[]
        {
            payload,
            payload with { Attempt = 2 },
            payload with { Version = FileVersion.Initial },
            payload with { Entry = entry },
            payload with { Reason = "locked for W2 try 1" },
            payload with { Logs = [entry, null] },
        }.Select(p => p.Fingerprint()));
    }

    [Fact]
    public void Equal_tahoe_states_have_equal_fingerprints_and_the_run_state_covers_them()
    {
        Assert.Equal(ServerState.Initial(2).Fingerprint(), ServerState.Initial(2).Fingerprint());
        Assert.Equal(ServerState.Initial(2), ServerState.Initial(2));

        // Two runs of one scenario pass through the same world states; one step apart they differ.
        var a = Simulator.Create(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase));
        var b = Simulator.Create(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase));
        a.RunUntilEvent(40);
        b.RunUntilEvent(40);
        Assert.Equal(a.State(), b.State());
        Assert.Equal(a.State().Fingerprint(), b.State().Fingerprint());
        b.Step();
        Assert.NotEqual(a.State().Fingerprint(), b.State().Fingerprint());
    }

    [Fact]
    public void A_tahoe_run_state_holds_the_tahoe_timers_and_its_fingerprint_sees_each()
    {
        var sim = Simulator.Create(TahoeRuns.Collision(ProtocolKind.TahoeTwoPhase));
        sim.RunUntilEvent(20);
        var state = sim.State();
        var writer = state.Nodes[0];
        Assert.Equal(Enum.GetValues<TimerKind>().Length, writer.Timers.Count);
        var changed = new[]
        {
            state,
            state with { Nodes = state.Nodes.Items.SetItem(0, writer with { Timers = writer.Timers.Items.SetItem((int)TimerKind.Backoff, 77) }) },
            state with { Nodes = state.Nodes.Items.SetItem(0, writer with { Timers = writer.Timers.Items.SetItem((int)TimerKind.Poll, 77) }) },
            state with { Nodes = state.Nodes.Items.SetItem(0, writer with { Timers = writer.Timers.Items.SetItem((int)TimerKind.Start, 77) }) },
        };
        AllDiffer(changed.Select(s => s.Fingerprint()));
    }

    private static void AllDiffer(IEnumerable<ulong> fingerprints)
    {
        var all = fingerprints.ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }
}
