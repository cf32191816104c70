using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Network;

namespace CommitLab.Web.Tests.Lab;

/// <summary>
/// The phone's drawing: narrow enough that its smallest text (22 units) reads at 12 px on the
/// narrowest stage a 390 px phone shows (a lesson's, 312 px), with every node apart and inside it.
/// </summary>
public class PhoneLayoutTests
{
    /// <summary>The narrowest drawing on a 390 px phone (a lesson's lab) and the least text size in units (lab.css).</summary>
    private const double NarrowestStagePixels = 312;

    private const double SmallestTextUnits = 22;

    public static TheoryData<int, bool> Runs()
    {
        var data = new TheoryData<int, bool>();
        for (var participants = 1; participants <= 9; participants++)
        {
            data.Add(participants, false);
            data.Add(participants, true);
        }

        return data;
    }

    private static NetworkView Wide(int participants, bool outcomeLog, long ticks = 0)
    {
        var sim = Simulator.Create(new Scenario { Protocol = ProtocolKind.TwoPhase, Participants = participants, OutcomeLog = outcomeLog });
        sim.RunUntil(ticks);
        return NetworkView.From(sim.Snapshot());
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void Every_text_reads_at_12_px_on_a_phone_and_no_two_nodes_overlap(int participants, bool outcomeLog)
    {
        var phone = PhoneLayout.Arrange(Wide(participants, outcomeLog));

        Assert.True(SmallestTextUnits * NarrowestStagePixels / phone.Width >= 12, $"{phone.Width} units wide: text reads under 12 px");
        var nodes = phone.View.Nodes;
        foreach (var a in nodes)
        {
            Assert.InRange(a.At.X, NetworkLayout.NodeRadius, phone.Width - NetworkLayout.NodeRadius);
            Assert.InRange(a.At.Y, NetworkLayout.NodeRadius, phone.Height - NetworkLayout.NodeRadius);
            foreach (var b in nodes.Where(b => b != a))
            {
                var distance = Math.Sqrt(Math.Pow(a.At.X - b.At.X, 2) + Math.Pow(a.At.Y - b.At.Y, 2));
                Assert.True(distance > 2 * NetworkLayout.NodeRadius, $"{a.Name} and {b.Name} are {distance:0} apart with {participants} participants");
            }
        }
    }

    [Fact]
    public void The_drawing_is_turned_on_its_side_L_on_the_left_and_its_words_clear_of_the_links_to_L()
    {
        var phone = PhoneLayout.Arrange(Wide(3, outcomeLog: false));
        var at = phone.View.Nodes.ToDictionary(n => n.Name, n => n.At);

        Assert.True(phone.Height > phone.Width, $"{phone.Width}x{phone.Height} is not portrait");
        Assert.All(["P1", "P2", "P3"], p => Assert.True(at[p].X > at["L"].X, $"{p} is left of L"));
        Assert.True(at["P1"].Y < at["L"].Y && at["P3"].Y > at["L"].Y);
        // P1 is above L, so its links leave downwards: its word goes over it, as L's does.
        Assert.Equal(["L", "P1"], phone.WordsAbove.Order());
        var link = phone.View.Links.Single(l => l.Id == "L-P2");
        Assert.Equal((at["L"], at["P2"]), (link.From, link.To));
    }

    [Fact]
    public void A_message_in_flight_is_as_far_along_its_link_on_a_phone_as_in_the_usual_drawing()
    {
        var wide = Wide(3, outcomeLog: false, ticks: 15);
        var message = wide.Messages.First();

        var phone = PhoneLayout.Arrange(wide);

        var at = phone.View.Nodes.ToDictionary(n => n.Name, n => n.At);
        var moved = phone.View.Messages.Single(m => m.Id == message.Id);
        Assert.Equal(NetworkView.Position(at[message.From], at[message.To], message.SentAt, message.DeliverAt, wide.Tick), moved.At);
        Assert.Equal(15, wide.Tick);
        Assert.Equal(message with { At = moved.At }, moved);
    }

    [Fact]
    public void The_drawing_says_in_words_which_nodes_crashed_naming_the_leader()
    {
        var sim = Simulator.Create(new Scenario { Protocol = ProtocolKind.TwoPhase, Participants = 3 });
        Assert.Null(NetworkView.From(sim.Snapshot()).DownCaption);

        sim.Inject(FaultText.ParseAction("crash L"));
        Assert.Equal("The leader L crashed", NetworkView.From(sim.Snapshot()).DownCaption);

        sim.Inject(FaultText.ParseAction("crash P2"));
        sim.Inject(FaultText.ParseAction("crash P3"));
        Assert.Equal("The leader L, P2 and P3 crashed", NetworkView.From(sim.Snapshot()).DownCaption);
    }

    [Fact]
    public void Paxos_commits_acceptors_have_their_words_above_so_they_never_share_a_line_with_the_participants_beside_them()
    {
        var sim = Simulator.Create(new Scenario { Protocol = ProtocolKind.PaxosCommit, Participants = 3, Acceptors = 3 });

        var phone = PhoneLayout.Arrange(NetworkView.From(sim.Snapshot()));

        Assert.Superset(new HashSet<string>(["L", "A1", "A2", "A3"]), phone.WordsAbove);
        Assert.DoesNotContain("P2", phone.WordsAbove);
        Assert.DoesNotContain("P3", phone.WordsAbove);
    }

    [Fact]
    public void A_partition_makes_room_under_the_nodes_for_a_legend_line_per_side()
    {
        var sim = Simulator.Create(new Scenario { Protocol = ProtocolKind.ThreePhase, Participants = 3 });
        var whole = PhoneLayout.Arrange(NetworkView.From(sim.Snapshot()));

        sim.Inject(FaultText.ParseAction("partition L,P1 | P2,P3"));
        var split = PhoneLayout.Arrange(NetworkView.From(sim.Snapshot()));

        Assert.Equal(whole.Height + 12 + (2 * PhoneLayout.LegendLine), split.Height);
    }
}
