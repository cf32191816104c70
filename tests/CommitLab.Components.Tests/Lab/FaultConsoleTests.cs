using CommitLab.Engine.Faults;
using CommitLab.Engine.Simulation;
using CommitLab.Web.Components.Lab;
using CommitLab.Web.Lab;

namespace CommitLab.Components.Tests.Lab;

public sealed class FaultConsoleTests : MudTestContext
{
    // The Lab's default run at its start: L and three participants, all up, nothing in flight.
    private static Snapshot Start()
    {
        using var session = new PlaybackSession();
        return session.Frame.Snapshot;
    }

    private IRenderedComponent<FaultConsole> RenderConsole(LabSelection? selection, List<FaultAction> injected) =>
        Render<FaultConsole>(p => p
            .Add(c => c.Snapshot, Start())
            .Add(c => c.Selection, selection)
            .Add(c => c.Inject, a => injected.Add(a)));

    [Fact]
    public void Crashing_a_selected_node_raises_a_crash_of_that_node()
    {
        var injected = new List<FaultAction>();
        var cut = RenderConsole(new LabSelection.Node("P2"), injected);

        cut.Find("[data-testid=fault-crash]").Click();

        Assert.Equal([new FaultAction.Crash("P2")], injected);
    }

    [Fact]
    public void The_choices_follow_the_selection()
    {
        var cut = RenderConsole(new LabSelection.Node("P1"), []);

        Assert.Equal(["Crash P1", "Freeze P1 for 400 ms", "P1 votes no"], cut.FindAll(".choices button").Select(b => b.TextContent.Trim()));
        Assert.Equal("Selected: P1 (participant, working)", cut.Find("[data-testid=selection]").TextContent.Trim());
    }

    [Fact]
    public void Heal_everything_raises_heal_all()
    {
        var injected = new List<FaultAction>();
        var cut = RenderConsole(null, injected);

        cut.Find("[data-testid=heal-all]").Click();

        Assert.Equal([new FaultAction.HealAll()], injected);
    }

    [Fact]
    public void A_partition_splits_the_ticked_nodes_from_the_rest()
    {
        var injected = new List<FaultAction>();
        var cut = RenderConsole(null, injected);
        Assert.True(cut.Find("[data-testid=partition]").HasAttribute("disabled"));

        cut.FindAll(".partition-builder input[type=checkbox]")[0].Change(true);
        cut.FindAll(".partition-builder input[type=checkbox]")[2].Change(true);
        cut.Find("[data-testid=partition]").Click();

        var partition = Assert.IsType<FaultAction.Partition>(Assert.Single(injected));
        Assert.Equal(["L,P2", "P1,P3"], partition.Groups.Select(side => string.Join(",", side)));
    }

    [Fact]
    public void Cancel_shows_only_while_the_run_holds_still_for_a_choice_and_raises_cancel()
    {
        var cancelled = 0;
        var cut = Render<FaultConsole>(p => p
            .Add(c => c.Snapshot, Start())
            .Add(c => c.Selection, new LabSelection.Node("P1"))
            .Add(c => c.Holding, true)
            .Add(c => c.Cancel, () => cancelled++));

        cut.Find("[data-testid=cancel-selection]").Click();

        Assert.Equal(1, cancelled);
    }
}
