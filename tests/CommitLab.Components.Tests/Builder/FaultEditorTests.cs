using CommitLab.Engine.Protocols;
using CommitLab.Web.Builder;
using CommitLab.Web.Components.Builder;
using MudBlazor;

namespace CommitLab.Components.Tests.Builder;

public sealed class FaultEditorTests : MudTestContext
{
    public FaultEditorTests() => Render<MudBlazor.MudPopoverProvider>();

    private IRenderedComponent<FaultEditor> RenderEditor(FaultDraft fault, Action? changed = null, Action? remove = null, ScenarioBuilder? builder = null) =>
        Render<FaultEditor>(p => p
            .Add(c => c.Fault, fault)
            .Add(c => c.Nodes, ["L", "P1", "P2"])
            .Add(c => c.ChoicesFor, (builder ?? new ScenarioBuilder()).ChoicesFor)
            .Add(c => c.Changed, () => changed?.Invoke())
            .Add(c => c.Remove, () => remove?.Invoke()));

    [Fact]
    public void The_fault_reads_as_the_scenario_file_would_say_it()
    {
        var cut = RenderEditor(new FaultDraft { Target = "P2" });

        Assert.Equal("when L logs commit: crash P2", cut.Find("[data-testid=fault-summary]").TextContent);
    }

    [Fact]
    public void A_cut_shows_both_ends_and_a_crash_only_one()
    {
        var crash = RenderEditor(new FaultDraft());
        var cut = RenderEditor(new FaultDraft { Do = FaultDo.Cut, When = FaultWhen.AtTick, Tick = 40, Peer = "P1" });

        Assert.DoesNotContain("To", crash.FindAll("label").Select(l => l.TextContent));
        Assert.Contains("To", cut.FindAll("label").Select(l => l.TextContent));
        Assert.Contains("Tick (ms)", cut.FindAll("label").Select(l => l.TextContent));
        Assert.Equal("at 40 ms: cut L-P1", cut.Find("[data-testid=fault-summary]").TextContent);
    }

    [Fact]
    public void The_remove_button_names_the_fault_and_raises_remove()
    {
        var removed = 0;
        var cut = RenderEditor(new FaultDraft(), remove: () => removed++);

        var button = cut.Find("[data-testid=remove-fault]");
        Assert.Equal("Remove the fault when L logs commit: crash L", button.GetAttribute("aria-label"));
        button.Click();

        Assert.Equal(1, removed);
    }

    [Fact]
    public void Dropping_a_message_hides_the_node_picker_since_it_acts_on_the_triggering_message()
    {
        var cut = RenderEditor(new FaultDraft { Do = FaultDo.Drop, When = FaultWhen.Sends, TriggerNode = "L" });

        Assert.Equal("when L sends commit: drop", cut.Find("[data-testid=fault-summary]").TextContent);
        // One node picker for the trigger ("L sends"), none for the action.
        Assert.Single(cut.FindAll("label"), l => l.TextContent == "Node");
        Assert.Contains("Message", cut.FindAll("label").Select(l => l.TextContent));
    }

    [Fact]
    public void The_record_list_offers_only_what_the_trigger_nodes_role_writes()
    {
        var cut = RenderEditor(new FaultDraft { TriggerNode = "L" });

        Assert.Equal(
            [LogRecordKind.Commit, LogRecordKind.Abort, LogRecordKind.End],
            cut.FindComponents<MudSelectItem<LogRecordKind>>().Select(i => i.Instance.Value));
        Assert.Empty(cut.FindAll("[data-testid=fault-never]"));
    }

    [Fact]
    public void A_fault_left_over_from_another_protocol_keeps_its_choice_marked_and_says_why_it_never_fires()
    {
        var builder = new ScenarioBuilder { Protocol = ProtocolKind.ThreePhase };
        var fault = builder.AddFault("P1");
        fault.Record = LogRecordKind.PreCommit;
        builder.Protocol = ProtocolKind.TwoPhase;

        var cut = RenderEditor(fault, builder: builder);

        Assert.Equal(
            "This fault never fires: 2PC never logs PRECOMMIT. Pick another trigger or remove it.",
            cut.Find("[data-testid=fault-never]").TextContent.Trim());
        Assert.Contains("never-fires", cut.Find("[data-testid=fault]").ClassList);
        Assert.Equal(LogRecordKind.PreCommit, cut.FindComponents<MudSelectItem<LogRecordKind>>()[^1].Instance.Value);
        Assert.Equal("when L logs precommit: crash P1", cut.Find("[data-testid=fault-summary]").TextContent);
    }
}
