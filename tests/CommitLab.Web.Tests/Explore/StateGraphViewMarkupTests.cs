using CommitLab.Web.Components.Explore;
using CommitLab.Web.Explore;
using CommitLab.Web.Tests.Support;

namespace CommitLab.Web.Tests.Explore;

/// <summary>The state graph as the server renders it: a group of state buttons on a Blazor.Diagrams canvas.</summary>
public sealed class StateGraphViewMarkupTests
{
    [Fact]
    public async Task A_TCommit_graph_renders_one_labelled_button_per_state_inside_a_named_group()
    {
        var model = new ExploreViewModel(new ExplorationGate()) { ModelName = "tcommit-tla", Rms = 3 };
        await model.RunAsync();

        var html = await ComponentHtml.RenderAsync<StateGraphView>(new Dictionary<string, object?> { [nameof(StateGraphView.Model)] = model });

        Assert.Matches(@"role=""group"" aria-label=""State graph: 34 states by depth", html);
        Assert.Equal(34, System.Text.RegularExpressions.Regex.Count(html, @"<button type=""button"" class=""state-dot"));
        Assert.Equal(model.Graph!.Edges.Count, System.Text.RegularExpressions.Regex.Count(html, @"<g class=""state-edge"));
        Assert.Contains(@"aria-label=""State 1, depth 1: RM r1: working; RM r2: working; RM r3: working""", html, StringComparison.Ordinal);
    }
}
