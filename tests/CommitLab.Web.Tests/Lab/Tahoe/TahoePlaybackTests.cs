using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using static CommitLab.Web.Tests.Lab.Tahoe.TahoeSessions;

namespace CommitLab.Web.Tests.Lab.Tahoe;

/// <summary>Tahoe-LAFS runs in the one playback session every page uses: the frame, hand faults, replay.</summary>
public sealed class TahoePlaybackTests
{
    [Theory]
    [InlineData("tahoe-2pc", ProtocolKind.TahoeTwoPhase, "W1,W2,S1,S2,S3", "Every server on the same version.")]
    [InlineData("tahoe-uncoordinated", ProtocolKind.TahoeUncoordinated, "W1,W2,S1,S2,S3", "Lost update.")]
    [InlineData("tahoe-magic-folder", ProtocolKind.TahoeMagicFolder, "W1,W2,S1,S2,S3,R", "Conflict kept visible.")]
    public void Every_library_tahoe_scenario_plays_to_its_verdict_on_the_shared_frame(string name, ProtocolKind protocol, string nodes, string headline)
    {
        using var session = Loaded(name);

        session.SeekTick(long.MaxValue);

        var frame = session.Frame;
        Assert.Equal(protocol, frame.Snapshot.Protocol);
        Assert.Equal(nodes, string.Join(",", frame.Network.Nodes.Select(n => n.Name)));
        Assert.StartsWith("<svg", frame.SpaceTimeSvg, StringComparison.Ordinal);
        Assert.NotEmpty(frame.Narration);
        Assert.Equal(headline, frame.Roles?.Outcome?.Headline);
    }

    [Fact]
    public void Writers_are_drawn_in_a_row_above_the_servers()
    {
        using var session = Loaded("tahoe-2pc");

        var at = session.Frame.Network.Nodes.ToDictionary(n => n.Name, n => n.At);

        Assert.Equal(at["W1"].Y, at["W2"].Y);
        Assert.True(at["W1"].Y < at["S1"].Y);
        Assert.True(at["S1"].X < at["S2"].X && at["S2"].X < at["S3"].X);
    }

    [Fact]
    public void Each_node_says_what_it_holds_and_only_writer_server_links_are_drawn_as_the_protocols()
    {
        using var session = Loaded("tahoe-2pc");

        session.SeekTick(long.MaxValue);

        var frame = session.Frame;
        var state = frame.Network.Nodes.ToDictionary(n => n.Name, n => n.StateText);
        Assert.Equal("committed", state["W1"]);
        Assert.Equal("holds W1#2", state["S1"]);
        // The table beside the drawing, the state vector and the drawing tell one story.
        Assert.Equal(state["S2"], new CommitLab.Web.Lab.StageView(frame, QuestionOpen: false).StateVector.Nodes.Single(n => n.Node == "S2").State);
        var primary = frame.Network.Links.ToDictionary(l => (l.A, l.B), l => l.Primary);
        Assert.True(primary[("W1", "S1")]);
        Assert.False(primary[("W1", "W2")]);
        Assert.False(primary[("S1", "S2")]);
    }

    [Fact]
    public void The_narration_names_the_2pc_messages_and_the_versions_they_carry()
    {
        using var session = Loaded("tahoe-2pc");

        session.SeekTick(long.MaxValue);
        var text = string.Join("\n", session.Frame.Narration.Select(l => l.Text));

        Assert.Contains("W1 sends PREPARE W1#2 to S1, S2 and S3", text, StringComparison.Ordinal);
        Assert.Contains("S1 sends YES vote to W1", text, StringComparison.Ordinal);
        Assert.Contains("W1 sends COMMIT W1#2 to S1, S2 and S3", text, StringComparison.Ordinal);
        Assert.Contains("S2 now holds version W1#2 of the file", text, StringComparison.Ordinal);
        Assert.DoesNotContain("L ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_uncoordinated_narration_tells_reads_writes_and_acks()
    {
        using var session = Loaded("tahoe-uncoordinated");

        session.SeekTick(long.MaxValue);
        var text = string.Join("\n", session.Frame.Narration.Select(l => l.Text));

        Assert.Contains("S1 sends read-reply v0 to W1.", text, StringComparison.Ordinal);
        Assert.Contains("W2 sends write W2#1 to S1, S2 and S3", text, StringComparison.Ordinal);
        Assert.Contains("S3 sends write-ack W2#1 to W2.", text, StringComparison.Ordinal);
        Assert.Contains(session.Frame.Roles!.Verdicts, v => v.Headline.StartsWith("Lost update", StringComparison.Ordinal));
    }

    [Fact]
    public void A_server_crashed_mid_prepare_holds_the_run_until_it_recovers()
    {
        using var session = Loaded("tahoe-2pc");

        session.SeekTick(60);
        session.Inject(new FaultAction.Crash("S2"));
        session.SeekTick(399);
        Assert.Equal("v0,v0,v0", Holds(session));
        Assert.Contains(session.Frame.Roles!.Rows, r => r.Name == "S2" && !r.Up);

        session.Inject(new FaultAction.Recover("S2"));
        session.SeekTick(long.MaxValue);

        Assert.Equal("W1#2,W1#2,W1#2", Holds(session));
        Assert.Equal("Every server on the same version.", session.Frame.Roles!.Outcome?.Headline);
        Assert.Equal(2, session.HandFaults);
    }

    [Fact]
    public void An_unknown_node_is_refused_with_the_run_s_own_reason_and_nothing_changes()
    {
        using var session = Loaded("tahoe-2pc");
        session.SeekTick(60);
        var before = session.Frame;

        var error = Assert.Throws<ArgumentException>(() => session.Inject(new FaultAction.Crash("S9")));

        Assert.Contains("S9", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, session.HandFaults);
        Assert.Same(before, session.Frame);
    }

    [Fact]
    public void Cutting_a_writer_server_link_both_ways_and_healing_it_goes_through_the_session()
    {
        using var session = Loaded("tahoe-2pc");
        session.SeekTick(30);

        session.Inject(new FaultAction.Cut("W1", "S3", BothWays: true));
        Assert.Contains(session.Frame.Network.Links, l => l.Id == "W1-S3" && l.FullyCut);

        session.Inject(new FaultAction.Heal("W1", "S3", BothWays: true));
        Assert.Contains(session.Frame.Network.Links, l => l.Id == "W1-S3" && l.FullyUp);
        Assert.Equal(2, session.HandFaults);
    }

    [Fact]
    public void Clearing_the_hand_faults_replays_the_clean_run()
    {
        using var session = Loaded("tahoe-2pc");
        session.SeekTick(60);
        session.Inject(new FaultAction.Crash("S2"));

        session.ClearHandFaults();
        session.SeekTick(long.MaxValue);

        Assert.Equal(0, session.HandFaults);
        Assert.Equal("W1#2,W1#2,W1#2", Holds(session));
    }
}
