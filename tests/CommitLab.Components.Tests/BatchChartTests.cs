using CommitLab.Engine.TwoGenerals;
using CommitLab.Web.Components.Generals;
using CommitLab.Web.Generals;

namespace CommitLab.Components.Tests;

public sealed class BatchChartTests : MudTestContext
{
    [Fact]
    public void Dump()
    {
        var view = BatchView.From(LunchBatch.Run(BatchPlan.Default));
        var cut = Render<BatchChart>(p => p.Add(c => c.View, view).Add(c => c.Value, r => r.DisagreementPercent).Add(c => c.AxisTitle, "Lunches").Add(c => c.TestId, "x"));
        File.WriteAllText("/tmp/mud/chart.html", cut.Markup);
    }
}
