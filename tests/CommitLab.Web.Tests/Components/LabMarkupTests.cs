using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Components.Lab;
using CommitLab.Web.Lab.Network;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Components;

/// <summary>The Lab's drawing and monitors, rendered to HTML from real engine snapshots.</summary>
public sealed class LabMarkupTests
{
    private static Snapshot Partitioned3pc()
    {
        var scenario = new Scenario { Protocol = ProtocolKind.ThreePhase, Participants = 3, Seed = 42 } with
        {
            Faults = [new ScheduledFault(new FaultTiming.OnTrigger(FaultText.ParseTrigger("L sends pre-commit to P1")), FaultText.ParseAction("partition L,P1 | P2,P3"))],
        };
        var sim = Simulator.Create(scenario);
        sim.RunToEnd();
        return sim.Snapshot();
    }

    [Fact]
    public async Task The_network_draws_every_node_as_a_labelled_button_and_marks_the_partition_and_the_conflict()
    {
        var snapshot = Partitioned3pc();

        var html = await ComponentHtml.RenderAsync<NetworkDiagram>(new Dictionary<string, object?>
        {
            [nameof(NetworkDiagram.View)] = NetworkView.From(snapshot),
            [nameof(NetworkDiagram.Conflict)] = snapshot.Monitors.Conflict,
        });

        foreach (var name in new[] { "L", "P1", "P2", "P3" })
        {
            Assert.Contains($"data-node=\"{name}\"", html, StringComparison.Ordinal);
        }

        Assert.Contains("aria-label=\"P2 aborted, participant, suspects L, P1\"", html, StringComparison.Ordinal);
        Assert.Contains("Partitioned: side 1: L, P1  |  side 2: P2, P3", html, StringComparison.Ordinal);
        Assert.Contains("class=\"link primary cut", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split(" conflict ", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public async Task The_monitors_turn_to_a_violation_banner_naming_both_sides()
    {
        var snapshot = Partitioned3pc();

        var html = await ComponentHtml.RenderAsync<MonitorBar>(new Dictionary<string, object?>
        {
            [nameof(MonitorBar.Monitors)] = snapshot.Monitors,
            [nameof(MonitorBar.Outcome)] = snapshot.Outcome,
            [nameof(MonitorBar.Protocol)] = snapshot.Protocol,
            [nameof(MonitorBar.Tick)] = snapshot.Tick,
            [nameof(MonitorBar.Nodes)] = snapshot.Nodes,
        });

        Assert.Contains("Atomicity violated", html, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("The run ended split: L, P1 committed, P2, P3 aborted.", html, StringComparison.Ordinal);
    }
}
