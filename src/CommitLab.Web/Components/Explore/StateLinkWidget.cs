using Blazor.Diagrams.Components;
using CommitLab.Web.Explore;
using Microsoft.AspNetCore.Components.Rendering;

namespace CommitLab.Web.Components.Explore;

/// <summary>
/// The library's line, wrapped in a group whose class says whether the step is on the highlighted
/// path, so the stylesheet (light or dark) colours it rather than a colour fixed in C#.
/// </summary>
public sealed class StateLinkWidget : LinkWidget
{
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "g");
        builder.AddAttribute(1, "class", Link is StateLink { OnPath: true } ? "state-edge on-path" : "state-edge");
        base.BuildRenderTree(builder);
        builder.CloseElement();
    }
}
