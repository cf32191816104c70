using System.Globalization;
using CommitLab.Engine.TwoGenerals;
using CommitLab.Web.Generals;

namespace CommitLab.Web.Components.Pages;

/// <summary>
/// The Two generals page: Sam and Jill's lunch. All state and wording live in
/// <see cref="GeneralsViewModel"/>; this class only holds it and says when the page went live.
/// </summary>
public sealed partial class GeneralsPage
{
    private static readonly string BatchSize = BatchPlan.Default.Trials.ToString("N0", CultureInfo.InvariantCulture);

    private bool interactive;

    /// <summary>One per circuit: each visitor edits and sends their own lunches.</summary>
    public GeneralsViewModel Model { get; } = new();

    protected override void OnAfterRender(bool firstRender)
    {
        // Only an interactive render gets here. The prerendered page looks the same but ignores
        // clicks, so browser tests wait for this attribute before using the controls.
        if (firstRender)
        {
            interactive = true;
            StateHasChanged();
        }
    }
}
