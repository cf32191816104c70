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
    public void A_message_in_flight_travels_along_its_link_on_a_phone_between_its_nodes_rims()
    {
        var wide = Wide(3, outcomeLog: false);
        var ids = wide.Messages.Select(m => m.Id).ToList();
        Assert.Equal(3, ids.Count);

        var positions = new[] { 0L, 8, 16 }.Select(tick => PhoneLayout.Arrange(Wide(3, outcomeLog: false, ticks: tick))).ToList();

        foreach (var id in ids)
        {
            var at = positions[0].View.Nodes.ToDictionary(n => n.Name, n => n.At);
            var path = positions.Select(p => p.View.Messages.Single(m => m.Id == id)).ToList();
            var (from, to) = (at[path[0].From], at[path[0].To]);
            var rim = NetworkView.Rim(from, to);
            var along = path.Select(m => AlongFraction(from, to, m.At)).ToList();
            Assert.All(along, t => Assert.InRange(t, rim - 1e-9, 1 - rim + 1e-9));
            Assert.True(along[0] < along[1] && along[1] < along[2], $"message #{id} to {path[0].To} does not move on: {string.Join(", ", along)}");
            Assert.Equal(path[0] with { At = path[1].At }, path[1]);
        }
    }

    /// <summary>How far along the link from <paramref name="from"/> to <paramref name="to"/> a message drawn at <paramref name="at"/> is (it sits beside the link).</summary>
    private static double AlongFraction(Point from, Point to, Point at)
    {
        var (dx, dy) = (to.X - from.X, to.Y - from.Y);
        var t = (((at.X - from.X) * dx) + ((at.Y - from.Y) * dy)) / ((dx * dx) + (dy * dy));
        Assert.Equal(NetworkView.Along(from, to, t), at, (a, b) => Math.Abs(a.X - b.X) < 1e-6 && Math.Abs(a.Y - b.Y) < 1e-6);
        return t;
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
