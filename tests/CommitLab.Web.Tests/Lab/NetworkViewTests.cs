using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Network;

namespace CommitLab.Web.Tests.Lab;

public class NetworkViewTests
{
    [Fact]
    public void L_is_on_top_and_every_participant_below_it_with_no_two_nodes_overlapping()
    {
        var names = new[] { "L", "P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9" };

        var at = NetworkLayout.Compute(names);

        Assert.All(names.Skip(1), p => Assert.True(at[p].Y > at["L"].Y));
        foreach (var a in names)
        {
            foreach (var b in names.Where(b => b != a))
            {
                var distance = Math.Sqrt(Math.Pow(at[a].X - at[b].X, 2) + Math.Pow(at[a].Y - at[b].Y, 2));
                Assert.True(distance > 2 * NetworkLayout.NodeRadius, $"{a} and {b} overlap");
            }

            Assert.InRange(at[a].X, NetworkLayout.NodeRadius, NetworkLayout.Width - NetworkLayout.NodeRadius);
            Assert.InRange(at[a].Y, NetworkLayout.NodeRadius, NetworkLayout.Height - NetworkLayout.NodeRadius);
        }
    }

    [Fact]
    public void A_message_moves_from_just_outside_the_senders_circle_to_just_outside_the_receivers()
    {
        var from = new Point(0, 0);
        var to = new Point(400, 0);

        var start = NetworkView.Position(from, to, 0, 100, 0);
        var middle = NetworkView.Position(from, to, 0, 100, 50);
        var end = NetworkView.Position(from, to, 0, 100, 100);

        // Clear of the node's click target (radius + 6) by more than a marker's half width: at 0 ms the markers do not cover L.
        Assert.Equal(NetworkLayout.NodeRadius + NetworkView.MarkerClearance, start.X, 6);
        Assert.True(start.X - 14 > NetworkLayout.NodeRadius + 6);
        Assert.Equal(200, middle.X, 6);
        Assert.Equal(400 - NetworkLayout.NodeRadius - NetworkView.MarkerClearance, end.X, 6);
        Assert.NotEqual(NetworkView.Position(to, from, 0, 100, 50).Y, middle.Y);
    }

    [Fact]
    public void A_cut_link_and_a_partition_are_drawn_from_the_snapshot()
    {
        var sim = Simulator.Create(new Scenario { Protocol = ProtocolKind.TwoPhase, Participants = 3 });
        sim.Inject(new FaultAction.Cut("L", "P1", BothWays: false));
        sim.Inject(FaultText.ParseAction("partition L,P2 | P3"));

        var view = NetworkView.From(sim.Snapshot());

        var l1 = view.Links.Single(l => l.Id == "L-P1");
        Assert.False(l1.UpAToB);
        Assert.True(l1.UpBToA);
        Assert.Equal("link L to P1, cut from L to P1", l1.Description);
        Assert.True(view.Links.Single(l => l.Id == "P2-P3").FullyCut);
        Assert.Equal(2, view.Groups.Length);
        Assert.Equal(["L", "P2"], view.Groups[0].Nodes.ToArray());
        // The prepares to P1 and P3 were lost with the cut and the partition; only P2's is still travelling.
        var message = Assert.Single(view.Messages);
        Assert.Equal(("PREPARE", "P2"), (message.Label, message.To));
    }

    [Fact]
    public void Every_message_kind_has_a_label_a_shape_and_a_family()
    {
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            Assert.False(string.IsNullOrWhiteSpace(MessageStyle.Label(kind)));
            Assert.StartsWith("msg-", MessageStyle.Family(kind), StringComparison.Ordinal);
            Assert.True(Enum.IsDefined(MessageStyle.Shape(kind)));
        }
    }

    [Fact]
    public void The_outcome_log_and_its_state_word_sit_clear_of_the_last_participant()
    {
        var at = NetworkLayout.Compute(["L", "P1", "P2", "P3", "LOG"]);

        // LOG's circle and its "suspects" line under it (about 60 px) end well above P3's circle and lock badge.
        Assert.True(at["LOG"].Y + NetworkLayout.NodeRadius + 60 < at["P3"].Y - NetworkLayout.NodeRadius - 20, $"LOG at {at["LOG"]}, P3 at {at["P3"]}");
        Assert.True(at["LOG"].X + NetworkLayout.NodeRadius <= NetworkLayout.Width);
        // The top row's state words go above the circle, still inside the drawing.
        Assert.True(NetworkLayout.StateAbove("LOG") && NetworkLayout.StateAbove("L") && !NetworkLayout.StateAbove("P3"));
        Assert.True(at["LOG"].Y - NetworkLayout.NodeRadius - 14 - 15 >= 0);
    }
}
