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

    [Fact]
    public async Task A_run_stopped_at_its_event_limit_says_so_under_its_outcome()
    {
        var sim = Simulator.Create(BusyRun.Scenario with { MaxEvents = 2_000 });
        sim.RunToEnd();
        var snapshot = sim.Snapshot();

        var html = await ComponentHtml.RenderAsync<MonitorBar>(new Dictionary<string, object?>
        {
            [nameof(MonitorBar.Monitors)] = snapshot.Monitors,
            [nameof(MonitorBar.Outcome)] = snapshot.Outcome,
            [nameof(MonitorBar.Protocol)] = snapshot.Protocol,
            [nameof(MonitorBar.Tick)] = snapshot.Tick,
            [nameof(MonitorBar.Nodes)] = snapshot.Nodes,
            [nameof(MonitorBar.StopMessage)] = snapshot.StopMessage,
        });

        Assert.Contains("<strong>Blocked.</strong>", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"event-limit\">The run stopped after 2,000 events (its limit, maxEvents) at t=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lab_error_boundary_shows_what_went_wrong_with_a_way_to_go_on()
    {
        var html = await ComponentHtml.RenderAsync<LabErrorBoundary>(new Dictionary<string, object?>
        {
            [nameof(LabErrorBoundary.ChildContent)] = (Microsoft.AspNetCore.Components.RenderFragment)(builder =>
            {
                builder.OpenComponent<Throwing>(0);
                builder.CloseComponent();
            }),
        });

        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("Something went wrong in this run.</strong> the engine broke", html, StringComparison.Ordinal);
        Assert.Contains("Go on", html, StringComparison.Ordinal);
    }

    /// <summary>A view that fails while rendering, as a broken engine call would.</summary>
    private sealed class Throwing : Microsoft.AspNetCore.Components.ComponentBase
    {
        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
            throw new InvalidOperationException("the engine broke");
    }
}
