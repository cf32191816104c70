using Blazor.Diagrams;
using Blazor.Diagrams.Core.PathGenerators;
using Blazor.Diagrams.Options;

namespace CommitLab.Web.Components.Diagrams;

/// <summary>
/// A Blazor.Diagrams canvas used as a picture to read and click, not an editor: nothing moves, pans,
/// zooms, multi-selects or is deleted, and links are straight. The state machines and the explorer's
/// state graph both start from it.
/// </summary>
public static class StillDiagram
{
    public static BlazorDiagram Create()
    {
        var options = new BlazorDiagramOptions { AllowMultiSelection = false, AllowPanning = false };
        options.Zoom.Enabled = false;
        options.Links.DefaultPathGenerator = new StraightPathGenerator();
        options.Constraints.ShouldDeleteNode = _ => ValueTask.FromResult(false);
        options.Constraints.ShouldDeleteLink = _ => ValueTask.FromResult(false);
        return new BlazorDiagram(options);
    }
}
