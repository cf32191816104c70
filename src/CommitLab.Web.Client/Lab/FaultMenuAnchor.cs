namespace CommitLab.Web.Lab;

/// <summary>
/// Where the context menu for a selection opens: the drawn element the user right-clicked,
/// long-pressed or focused, named by the CSS selector of its group in the network drawing. The
/// browser places the menu beside that element, so it follows the drawing at any size or zoom.
/// </summary>
public static class FaultMenuAnchor
{
    public static string Selector(LabSelection? selection) => selection switch
    {
        LabSelection.Node n => $"svg.network g.node[data-node='{n.Name}']",
        LabSelection.Link l => $"svg.network g.link[data-link='{l.A}-{l.B}']",
        LabSelection.Message m => $"svg.network g.message[data-message='{m.Id}']",
        _ => "svg.network",
    };
}
