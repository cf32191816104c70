using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Lab.Network;

namespace CommitLab.Web.Tests.Lab;

/// <summary>
/// The side-by-side comparison draws message labels twice the Lab's size: placed by
/// <see cref="MessageWay"/>, no label or marker lies over a node's circle, from the first moment on.
/// </summary>
public class MessageWayTests
{
    private const double CompareLabelFontSize = 30;

    private static NetworkView Wide(ProtocolKind protocol, int participants, long ticks)
    {
        var sim = Simulator.Create(new Scenario { Protocol = protocol, Participants = participants });
        sim.RunUntil(ticks);
        return NetworkView.From(sim.Snapshot());
    }

    public static TheoryData<ProtocolKind, int, long> Moments()
    {
        var data = new TheoryData<ProtocolKind, int, long>();
        foreach (var protocol in new[] { ProtocolKind.TwoPhase, ProtocolKind.ThreePhase })
        {
            foreach (var participants in new[] { 1, 3, 5 })
            {
                foreach (var tick in new long[] { 0, 5, 15, 25 })
                {
                    data.Add(protocol, participants, tick);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Moments))]
    public void No_large_label_covers_a_node(ProtocolKind protocol, int participants, long tick)
    {
        var wide = Wide(protocol, participants, tick);
        Assert.NotEmpty(wide.Messages);
        var placed = MessageWay.Arrange(wide, CompareLabelFontSize);
        var size = MessageWay.MessageBox(CompareLabelFontSize, 1);

        foreach (var message in placed.Messages)
        {
            var box = size(message.Label).At(message.At);
            foreach (var node in placed.Nodes)
            {
                Assert.False(MessageWay.Circle(node.At).Overlaps(box), $"{message.Label} {message.From}→{message.To} at {tick} ms covers {node.Name}");
            }
        }
    }

    [Fact]
    public void At_0_ms_the_usual_placement_puts_a_large_label_over_L()
    {
        // What the comparison showed before: three PREPAREs on L's rim, their labels over L's name.
        var wide = Wide(ProtocolKind.TwoPhase, 3, 0);
        var size = MessageWay.MessageBox(CompareLabelFontSize, 1);
        var leader = wide.Nodes.Single(n => n.Name == "L");
        Assert.Contains(wide.Messages, m => MessageWay.Circle(leader.At).Overlaps(size(m.Label).At(m.At)));
    }

    [Fact]
    public void A_message_still_moves_from_its_sender_towards_its_receiver()
    {
        var early = MessageWay.Arrange(Wide(ProtocolKind.TwoPhase, 3, 0), CompareLabelFontSize);
        var later = MessageWay.Arrange(Wide(ProtocolKind.TwoPhase, 3, 5), CompareLabelFontSize);
        var p2 = early.Nodes.Single(n => n.Name == "P2").At;
        double Distance(NetworkView view) => view.Messages.Where(m => m.To == "P2").Select(m => Math.Abs(m.At.Y - p2.Y)).Single();
        Assert.True(Distance(later) < Distance(early), $"{Distance(early):0} then {Distance(later):0} from P2");
    }
}
