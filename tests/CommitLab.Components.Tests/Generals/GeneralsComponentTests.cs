using System.Collections.Immutable;
using CommitLab.Engine.TwoGenerals;
using CommitLab.Web.Components.Generals;
using CommitLab.Web.Generals;

namespace CommitLab.Components.Tests.Generals;

public sealed class GeneralsComponentTests : MudTestContext
{
    private static readonly BatchView Small = BatchView.From(LunchBatch.Run(new BatchPlan([1, 3], [0.1, 0.3, 0.5], 200, 7)));

    [Fact]
    public void The_batch_chart_draws_one_line_per_protocol_length_over_every_loss_rate()
    {
        var cut = Render<BatchChart>(p => p
            .Add(c => c.View, Small).Add(c => c.Value, r => r.DisagreementPercent)
            .Add(c => c.AxisTitle, "Lunches where they disagree").Add(c => c.TestId, "batch-chart"));

        Assert.Equal(2, cut.FindAll("path.mud-chart-line").Count);
        Assert.Equal(["10%", "30%", "50%"], cut.FindAll("g.mud-charts-xaxis text").Select(t => t.TextContent));
        Assert.Equal("Lunches where they disagree, in percent, against the chance each email is lost",
            cut.Find("[data-testid=batch-chart]").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_batch_panel_has_one_legend_entry_per_line_and_both_charts()
    {
        var cut = Render<BatchPanel>(p => p.Add(c => c.View, Small));

        Assert.Equal(["1 email", "3 emails"], cut.FindAll(".chart-legend li").Select(li => li.TextContent.Trim()));
        Assert.NotNull(cut.Find("[data-testid=batch-chart]"));
        Assert.NotNull(cut.Find("[data-testid=met-outside-chart]"));
    }

    [Fact]
    public void Send_runs_the_lunch_and_tells_the_owner()
    {
        var model = new GeneralsViewModel();
        var changed = 0;
        var cut = Render<LunchControls>(p => p.Add(c => c.Model, model).Add(c => c.Changed, () => changed++));

        cut.Find("[data-testid=send]").Click();

        Assert.Equal(1, changed);
        Assert.Equal(1, model.Sends);
    }

    [Fact]
    public void Next_seed_moves_the_seed_on_and_a_lesson_calls_it_another_lunch()
    {
        var model = new GeneralsViewModel();
        var cut = Render<LunchControls>(p => p.Add(c => c.Model, model).Add(c => c.ShowSeed, false).Add(c => c.Changed, () => { }));

        var next = cut.Find("[data-testid=next-seed]");
        Assert.Equal("Another lunch", next.TextContent);
        next.Click();

        Assert.Equal(2, model.Seed);
    }
}
