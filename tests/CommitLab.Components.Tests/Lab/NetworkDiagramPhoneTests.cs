using CommitLab.Engine.Faults;
using CommitLab.Engine.Protocols;
using CommitLab.Engine.Scenarios;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Components.Lab;
using CommitLab.Web.Lab.Network;

namespace CommitLab.Components.Tests.Lab;

/// <summary>The network drawing follows the browser's word on the screen's size: turned on its side on a phone, the usual drawing elsewhere.</summary>
public sealed class NetworkDiagramPhoneTests : MudTestContext
{
    private static NetworkView LeaderDown()
    {
        var sim = Simulator.Create(new Scenario { Protocol = ProtocolKind.TwoPhase, Participants = 3 });
        sim.Inject(FaultText.ParseAction("crash L"));
        return NetworkView.From(sim.Snapshot());
    }

    private IRenderedComponent<NetworkDiagram> RenderOn(bool phone)
    {
        JSInterop.Setup<PhoneWatch?>("commitLab.watchPhone", _ => true).SetResult(new PhoneWatch(7, phone));
        return Render<NetworkDiagram>(p => p.Add(c => c.View, LeaderDown()));
    }

    [Fact]
    public void On_a_phone_the_drawing_is_narrow_and_tall_and_says_the_leader_crashed()
    {
        var cut = RenderOn(phone: true);

        var svg = cut.Find("svg.network");
        var phone = PhoneLayout.Arrange(LeaderDown());
        Assert.Equal("phone", svg.GetAttribute("data-layout"));
        Assert.Equal($"0 0 {phone.Width} {phone.Height}", svg.GetAttribute("viewBox"));
        Assert.Equal("The leader L crashed", cut.Find("[data-testid=down-caption]").TextContent);
        // Every node keeps its name and its description for a screen reader.
        Assert.StartsWith("L crashed", cut.Find("g.node[data-node=L] circle.hit").GetAttribute("aria-label"));
    }

    [Fact]
    public void On_a_wider_screen_the_usual_drawing_stays_and_the_crash_is_drawn_not_captioned()
    {
        var cut = RenderOn(phone: false);

        Assert.Equal("wide", cut.Find("svg.network").GetAttribute("data-layout"));
        Assert.Equal("0 0 1000 600", cut.Find("svg.network").GetAttribute("viewBox"));
        Assert.Empty(cut.FindAll("[data-testid=down-caption]"));
        Assert.Equal("crashed", cut.Find("g.node[data-node=L] .crashed-word").TextContent);
    }

    [Fact]
    public void Turning_a_phone_sideways_brings_the_usual_drawing_back()
    {
        var cut = RenderOn(phone: true);

        cut.InvokeAsync(() => cut.Instance.PhoneChanged(false));

        cut.WaitForAssertion(() => Assert.Equal("wide", cut.Find("svg.network").GetAttribute("data-layout")));
    }
}
