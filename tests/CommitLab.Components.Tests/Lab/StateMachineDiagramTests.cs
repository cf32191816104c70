using Blazor.Diagrams.Core.Geometry;
using CommitLab.Engine.Protocols;
using CommitLab.Web.Components.Lab;
using CommitLab.Web.Lab.Network;
using Microsoft.AspNetCore.Components;

namespace CommitLab.Components.Tests.Lab;

public sealed class StateMachineDiagramTests : MudTestContext
{
    // The canvas asks the browser for its size once rendered; answer as a node card would. The
    // diagram is drawn by an interactive renderer (a circuit), as on the Lab.
    public StateMachineDiagramTests()
    {
        JSInterop.Setup<Rectangle>("ZBlazorDiagrams.getBoundingClientRect", _ => true).SetResult(new Rectangle(0, 0, 300, 84));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    private IRenderedComponent<StateMachineDiagram> RenderMachine(ProtocolKind protocol, Phase phase) =>
        Render<StateMachineDiagram>(p => p.Add(c => c.Machine, NodeStateMachine.For(protocol)).Add(c => c.Current, phase));

    private static string[] Lit(IRenderedComponent<StateMachineDiagram> cut) =>
        [.. cut.FindAll(".state-node.current").Select(s => s.TextContent)];

    [Fact]
    public void Two_phase_commit_draws_its_four_states_with_the_current_one_lit()
    {
        var cut = RenderMachine(ProtocolKind.TwoPhase, Phase.Uncertain);

        Assert.Equal(["working", "uncertain", "committed", "aborted"], cut.FindAll(".state-node").Select(s => s.TextContent));
        Assert.Equal(["uncertain"], Lit(cut));
        Assert.Equal("State machine, current state uncertain", cut.Find(".visually-hidden").TextContent);
    }

    [Fact]
    public void Skeens_three_phase_commit_adds_precommitted_and_can_light_it()
    {
        var cut = RenderMachine(ProtocolKind.ThreePhase, Phase.PreCommitted);

        Assert.Equal(["working", "uncertain", "precommitted", "committed", "aborted"], cut.FindAll(".state-node").Select(s => s.TextContent));
        Assert.Equal(["precommitted"], Lit(cut));
    }

    [Fact]
    public void A_paxos_commit_participant_walks_the_two_phase_states()
    {
        var cut = RenderMachine(ProtocolKind.PaxosCommit, Phase.Committed);

        Assert.Equal(4, cut.FindAll(".state-node").Count);
        Assert.Equal(["committed"], Lit(cut));
    }

    [Fact]
    public void A_new_phase_moves_the_light_and_only_one_state_is_ever_lit()
    {
        var cut = RenderMachine(ProtocolKind.ThreePhase, Phase.Working);

        cut.Render(p => p.Add(c => c.Machine, NodeStateMachine.For(ProtocolKind.ThreePhase)).Add(c => c.Current, Phase.Aborted));

        Assert.Equal(["aborted"], Lit(cut));
    }

    [Fact]
    public void A_read_only_participant_has_left_the_machine_so_nothing_is_lit()
    {
        var cut = RenderMachine(ProtocolKind.TwoPhase, Phase.ReadOnly);

        Assert.Empty(Lit(cut));
    }

    [Fact]
    public void Every_transition_is_drawn_as_an_arrow()
    {
        var cut = RenderMachine(ProtocolKind.ThreePhase, Phase.Working);

        Assert.Equal(NodeStateMachine.For(ProtocolKind.ThreePhase).Edges.Length, cut.FindAll(".diagram-link").Count);
    }

    [Fact]
    public void Prerendered_the_machine_is_an_empty_box_of_its_size_with_the_sentence_and_no_canvas()
    {
        // The prerender's canvas would be replaced within a second, and disposing it after a static
        // render throws; the sentence still names the state for assistive technology.
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var cut = RenderMachine(ProtocolKind.TwoPhase, Phase.Uncertain);

        Assert.Empty(cut.FindAll(".diagram-canvas"));
        Assert.Empty(cut.FindAll(".state-node"));
        Assert.Equal("state-machine-canvas two-phase", cut.Find(".state-machine-canvas").ClassName);
        Assert.Equal("State machine, current state uncertain", cut.Find(".visually-hidden").TextContent);
    }
}
